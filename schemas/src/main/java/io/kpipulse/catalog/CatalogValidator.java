package io.kpipulse.catalog;

import io.kpipulse.events.EventType;
import io.kpipulse.events.EventTypes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Checks a catalog against the event contracts before it is accepted: every event type exists, every
 * field path resolves in its schema with a usable type, and every enum literal in a condition is a real
 * symbol. A catalog that passes can be evaluated without a field lookup failing at run time.
 */
public final class CatalogValidator {

    private CatalogValidator() {}

    /** All problems found, each naming the indicator and the field; empty when the catalog is valid. */
    public static List<String> problems(IndicatorCatalog catalog) {
        List<String> problems = new ArrayList<>();
        for (IndicatorDefinition d : catalog.indicators()) {
            checkAggregation(d.id(), d.aggregation(), problems);
        }
        return problems;
    }

    public static IndicatorCatalog requireValid(IndicatorCatalog catalog) {
        List<String> problems = problems(catalog);
        if (!problems.isEmpty()) {
            throw new CatalogFormatException(
                    "catalog version " + catalog.version() + " is invalid:\n  - " + String.join("\n  - ", problems));
        }
        return catalog;
    }

    private static void checkAggregation(String id, Aggregation aggregation, List<String> problems) {
        // Java 17 has no pattern switch; the permitted kinds are listed in Aggregation.
        if (aggregation instanceof Aggregation.Measure m) {
            checkMeasure(id, m, problems);
        } else if (aggregation instanceof Aggregation.Ratio r) {
            checkMeasure(id, r.numerator(), problems);
            checkMeasure(id, r.denominator(), problems);
        } else if (aggregation instanceof Aggregation.Share s) {
            checkSelector(id, s.source(), problems);
            schemaOf(s.source())
                    .ifPresent(schema -> checkFilter(id, s.source().eventType(), schema, s.condition(), problems));
        } else if (aggregation instanceof Aggregation.PairedDuration p) {
            checkSelector(id, p.start(), problems);
            checkSelector(id, p.end(), problems);
        } else if (aggregation instanceof Aggregation.FollowUp f) {
            checkSelector(id, f.anchor(), problems);
            checkMeasure(id, f.follow(), problems);
        } else if (aggregation instanceof Aggregation.Retention r) {
            checkSelector(id, r.anchor(), problems);
            checkSelector(id, r.exit(), problems);
        } else if (aggregation instanceof Aggregation.SelfReportComparison c) {
            checkMeasure(id, c.system(), problems);
        } else if (aggregation instanceof Aggregation.During w) {
            checkSelector(id, w.open(), problems);
            checkSelector(id, w.close(), problems);
            checkMeasure(id, w.measure(), problems);
            schemaOf(w.open())
                    .ifPresent(schema -> requireField(
                            id,
                            w.open(),
                            schema,
                            w.affectedField(),
                            "affected departments",
                            problems,
                            CatalogValidator::isTextOrTextList));
        }
    }

    private static void checkMeasure(String id, Aggregation.Measure m, List<String> problems) {
        checkSelector(id, m.source(), problems);
        if (m.valueField() == null) {
            return;
        }
        schemaOf(m.source()).ifPresent(schema -> {
            Optional<Schema> field = resolve(schema, m.valueField());
            if (field.isEmpty()) {
                problems.add(id + ": " + m.source().eventType() + " has no field " + m.valueField());
                return;
            }
            Schema type = field.get();
            boolean categorical = type.getType() == Schema.Type.ENUM
                    || type.getType() == Schema.Type.STRING
                    || type.getType() == Schema.Type.BOOLEAN;
            if (m.kind() == Aggregation.MeasureKind.DISTINCT_COUNT) {
                return;
            }
            if (categorical && m.valueMap().isEmpty()) {
                problems.add(id + ": value field " + m.valueField() + " is not numeric; give it points");
            } else if (!categorical && !isNumeric(type)) {
                problems.add(id + ": value field " + m.valueField() + " has type " + type.getType() + ", not a number");
            } else if (type.getType() == Schema.Type.ENUM) {
                m.valueMap().keySet().stream()
                        .filter(k -> !type.getEnumSymbols().contains(k))
                        .forEach(k -> problems.add(id + ": points name " + k + ", not a symbol of " + type.getName()));
            }
        });
    }

    private static void checkSelector(String id, EventSelector s, List<String> problems) {
        Optional<Schema> schema = schemaOf(s);
        if (schema.isEmpty()) {
            problems.add(id + ": unknown event type " + s.eventType());
            return;
        }
        requireField(id, s, schema.get(), s.timeField(), "time", problems, CatalogValidator::isTimestamp);
        if (s.attributesEmployee()) {
            requireField(
                    id,
                    s,
                    schema.get(),
                    s.employeeField(),
                    "employee",
                    problems,
                    t -> t.getType() == Schema.Type.STRING);
        }
        requireField(
                id,
                s,
                schema.get(),
                s.departmentField(),
                "department",
                problems,
                t -> t.getType() == Schema.Type.STRING);
        requireField(
                id,
                s,
                schema.get(),
                s.servedDepartmentField(),
                "served department",
                problems,
                t -> t.getType() == Schema.Type.STRING);
        if (s.keyField() != null) {
            requireField(id, s, schema.get(), s.keyField(), "key", problems, t -> t.getType() == Schema.Type.STRING);
        }
        checkFilter(id, s.eventType(), schema.get(), s.where(), problems);
    }

    private static void requireField(
            String id,
            EventSelector s,
            Schema schema,
            String path,
            String role,
            List<String> problems,
            java.util.function.Predicate<Schema> typeOk) {
        Optional<Schema> type = resolve(schema, path);
        if (type.isEmpty()) {
            problems.add(id + ": " + s.eventType() + " has no " + role + " field " + path);
        } else if (!typeOk.test(type.get())) {
            problems.add(id + ": " + role + " field " + path + " of " + s.eventType() + " has unsuitable type "
                    + type.get());
        }
    }

    private static void checkFilter(String id, String eventType, Schema schema, Filter filter, List<String> problems) {
        for (Condition c : filter.conditions()) {
            Optional<Schema> type = resolve(schema, c.field());
            if (type.isEmpty()) {
                problems.add(id + ": condition '" + c + "': " + eventType + " has no field " + c.field());
                continue;
            }
            if (type.get().getType() == Schema.Type.ENUM) {
                for (Object v : c.values()) {
                    if (!type.get().getEnumSymbols().contains(String.valueOf(v))) {
                        problems.add(id + ": condition '" + c + "': " + v + " is not a symbol of "
                                + type.get().getName());
                    }
                }
            }
        }
    }

    private static Optional<Schema> schemaOf(EventSelector s) {
        return EventTypes.byName(s.eventType()).map(EventType::schema);
    }

    /** The (non-null branch of the) schema at a dotted path, or empty if the path does not exist. */
    public static Optional<Schema> resolve(Schema record, String path) {
        Schema current = record;
        for (String part : path.split("\\.")) {
            current = nonNull(current);
            if (current.getType() != Schema.Type.RECORD || current.getField(part) == null) {
                return Optional.empty();
            }
            current = current.getField(part).schema();
        }
        return Optional.of(nonNull(current));
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() == Schema.Type.UNION) {
            return schema.getTypes().stream()
                    .filter(t -> t.getType() != Schema.Type.NULL)
                    .findFirst()
                    .orElse(schema);
        }
        return schema;
    }

    private static boolean isNumeric(Schema type) {
        return switch (type.getType()) {
            case INT, LONG, FLOAT, DOUBLE -> true;
            case BYTES, FIXED -> type.getLogicalType() instanceof LogicalTypes.Decimal;
            default -> false;
        };
    }

    /** One department id, or a list of them (an incident names every department it affects). */
    private static boolean isTextOrTextList(Schema type) {
        Schema element = type.getType() == Schema.Type.ARRAY ? nonNull(type.getElementType()) : type;
        return element.getType() == Schema.Type.STRING;
    }

    private static boolean isTimestamp(Schema type) {
        LogicalType logical = type.getLogicalType();
        return logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros;
    }
}
