package io.kpipulse.catalog;

import io.kpipulse.catalog.Aggregation.DayCalendar;
import io.kpipulse.catalog.Aggregation.DurationStatistic;
import io.kpipulse.catalog.Aggregation.DurationUnit;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Aggregation.MeasureKind;
import io.kpipulse.catalog.Aggregation.Side;
import io.kpipulse.config.DurationText;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads an indicator catalog from YAML (the template library in this jar, or a document sent through
 * the API). Every error names the indicator and the field, because department heads edit these.
 *
 * <p>The document shape is described in {@code catalog/README.md} beside the template library.
 */
public final class CatalogYaml {

    public static final String TEMPLATE_LIBRARY = "catalog/templates.yaml";

    private CatalogYaml() {}

    /** The template library bundled with the product. */
    public static IndicatorCatalog templateLibrary() {
        return parse(templateLibraryText());
    }

    /** The template library's YAML as bundled, e.g. to publish it on the control topic. */
    public static String templateLibraryText() {
        try (InputStream in = CatalogYaml.class.getClassLoader().getResourceAsStream(TEMPLATE_LIBRARY)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + TEMPLATE_LIBRARY);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static IndicatorCatalog parse(String yamlText) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Object root;
        try {
            root = new Yaml(new SafeConstructor(options)).load(yamlText);
        } catch (RuntimeException e) {
            throw new CatalogFormatException("catalog is not valid YAML: " + e.getMessage(), e);
        }
        Node doc = new Node("catalog", root);
        long version = doc.optionalLong("version", 1);
        List<IndicatorDefinition> definitions = new ArrayList<>();
        for (Node indicator : doc.list("indicators")) {
            definitions.add(indicator(indicator));
        }
        try {
            return new IndicatorCatalog(version, definitions);
        } catch (IllegalArgumentException e) {
            throw new CatalogFormatException(e.getMessage(), e);
        }
    }

    private static IndicatorDefinition indicator(Node n) {
        String id = n.string("id");
        Node at = n.renamed("indicator " + id);
        try {
            Map<String, String> names = new LinkedHashMap<>();
            at.map("names").forEach((k, v) -> names.put(k, String.valueOf(v)));
            return new IndicatorDefinition(
                    id,
                    names,
                    descriptions(at),
                    at.enumValue("owner", DepartmentKind.class),
                    at.enumValue("perspective", Perspective.class),
                    at.optionalString("unit", ""),
                    at.enumValue("direction", Direction.class),
                    aggregation(at.child("aggregation")),
                    windows(at),
                    subjects(at),
                    targets(at),
                    (int) at.optionalLong("scale", 2));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new CatalogFormatException(at.path + ": " + e.getMessage(), e);
        }
    }

    /** {@code description: text} is the English one; {@code description: {en: ..., zh-CN: ...}} gives each. */
    private static Map<String, String> descriptions(Node n) {
        Object raw = n.raw("description");
        if (raw == null) {
            return Map.of();
        }
        if (raw instanceof String text) {
            return Map.of("en", text);
        }
        Map<String, String> out = new LinkedHashMap<>();
        n.map("description").forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    private static Set<WindowType> windows(Node n) {
        Object raw = n.raw("windows");
        if ("all".equals(raw)) {
            return EnumSet.allOf(WindowType.class);
        }
        EnumSet<WindowType> set = EnumSet.noneOf(WindowType.class);
        n.list("windows").forEach(w -> set.add(w.asEnum(WindowType.class)));
        return set;
    }

    private static Set<SubjectType> subjects(Node n) {
        EnumSet<SubjectType> set = EnumSet.noneOf(SubjectType.class);
        n.list("subjects").forEach(s -> set.add(s.asEnum(SubjectType.class)));
        return set;
    }

    private static List<TargetRule> targets(Node n) {
        List<TargetRule> rules = new ArrayList<>();
        if (n.raw("targets") == null) {
            return rules;
        }
        for (Node t : n.list("targets")) {
            rules.add(new TargetRule(
                    t.date("from"),
                    t.optionalDate("to"),
                    t.optionalEnum("window", WindowType.class),
                    t.optionalEnum("subject", SubjectType.class),
                    t.optionalString("department", null),
                    t.decimal("target"),
                    t.optionalDecimal("weight"),
                    t.optionalDecimal("warn"),
                    t.optionalDecimal("critical")));
        }
        return rules;
    }

    static Aggregation aggregation(Node n) {
        String type = n.string("type").toLowerCase(Locale.ROOT);
        return switch (type) {
            case "count", "sum", "average", "min", "max", "distinct_count", "last" -> measure(n);
            case "ratio" ->
                new Aggregation.Ratio(
                        measure(n.child("numerator")),
                        measure(n.child("denominator")),
                        n.optionalDecimal("multiplier"),
                        Boolean.parseBoolean(n.optionalString("denominatorAddsNumerator", "false")));
            case "share" -> new Aggregation.Share(selector(n), filter(n, "condition"), n.optionalDecimal("multiplier"));
            case "duration" ->
                new Aggregation.PairedDuration(
                        selector(n.child("start")),
                        selector(n.child("end")),
                        n.enumValue("statistic", DurationStatistic.class),
                        n.optionalDuration("limit"),
                        n.optionalEnum("calendar", DayCalendar.class),
                        n.optionalEnum("unit", DurationUnit.class),
                        n.optionalEnum("attributeTo", Side.class),
                        n.optionalEnum("servedBy", Side.class));
            case "follow_up" ->
                new Aggregation.FollowUp(selector(n.child("anchor")), measure(n.child("follow")), n.duration("within"));
            case "retention" ->
                new Aggregation.Retention(
                        selector(n.child("anchor")),
                        selector(n.child("exit")),
                        n.duration("horizon"),
                        n.optionalDecimal("multiplier"));
            case "self_report" -> new Aggregation.SelfReportComparison(measure(n.child("system")), n.string("metric"));
            case "during" ->
                new Aggregation.During(
                        selector(n.child("open")),
                        selector(n.child("close")),
                        n.string("affected"),
                        measure(n.child("measure")),
                        n.duration("maxOpen"));
            default ->
                throw new CatalogFormatException(
                        n.path + ".type: unknown aggregation '" + type
                                + "' (count, sum, average, min, max, distinct_count, last, ratio, share, duration, follow_up, retention, self_report, during)");
        };
    }

    private static Measure measure(Node n) {
        Map<String, BigDecimal> points = new LinkedHashMap<>();
        if (n.raw("points") != null) {
            n.map("points").forEach((k, v) -> points.put(k, new BigDecimal(String.valueOf(v))));
        }
        return new Measure(
                n.enumValue("type", MeasureKind.class), selector(n), n.optionalString("value", null), points);
    }

    private static EventSelector selector(Node n) {
        return new EventSelector(
                n.string("event"),
                filter(n, "where"),
                n.optionalString("key", null),
                n.optionalString("time", null),
                n.optionalString("employee", null),
                n.optionalString("department", null),
                n.optionalString("servedDepartment", null));
    }

    private static Filter filter(Node n, String field) {
        if (n.raw(field) == null) {
            return Filter.ALL;
        }
        List<Condition> conditions = new ArrayList<>();
        for (Node c : n.list(field)) {
            try {
                conditions.add(ConditionParser.parse(c.asString()));
            } catch (CatalogFormatException e) {
                throw new CatalogFormatException(c.path + ": " + e.getMessage(), e);
            }
        }
        return new Filter(conditions);
    }

    /** A position in the YAML tree, so every error can say where it is. */
    private record Node(String path, Object value) {

        Node renamed(String newPath) {
            return new Node(newPath, value);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map() {
            if (!(value instanceof Map)) {
                throw new CatalogFormatException(path + ": expected a mapping, got " + describe(value));
            }
            return (Map<String, Object>) value;
        }

        Map<String, Object> map(String field) {
            return child(field).map();
        }

        Object raw(String field) {
            return map().get(field);
        }

        Node child(String field) {
            Object v = raw(field);
            if (v == null) {
                throw new CatalogFormatException(path + "." + field + " is required");
            }
            return new Node(path + "." + field, v);
        }

        List<Node> list(String field) {
            Node c = child(field);
            if (!(c.value instanceof List<?> items)) {
                throw new CatalogFormatException(c.path + ": expected a list, got " + describe(c.value));
            }
            List<Node> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                out.add(new Node(c.path + "[" + i + "]", items.get(i)));
            }
            return out;
        }

        String asString() {
            if (value instanceof Map || value instanceof List) {
                throw new CatalogFormatException(path + ": expected a scalar, got " + describe(value));
            }
            return String.valueOf(value);
        }

        <E extends Enum<E>> E asEnum(Class<E> type) {
            String s = asString().strip().toUpperCase(Locale.ROOT).replace('-', '_');
            try {
                return Enum.valueOf(type, s);
            } catch (IllegalArgumentException e) {
                throw new CatalogFormatException(
                        path + ": '" + value + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()),
                        e);
            }
        }

        String string(String field) {
            return child(field).asString();
        }

        String optionalString(String field, String fallback) {
            return raw(field) == null ? fallback : child(field).asString();
        }

        long optionalLong(String field, long fallback) {
            Node c = raw(field) == null ? null : child(field);
            if (c == null) {
                return fallback;
            }
            try {
                return Long.parseLong(c.asString());
            } catch (NumberFormatException e) {
                throw new CatalogFormatException(c.path + ": expected a whole number, got '" + c.value + "'", e);
            }
        }

        <E extends Enum<E>> E enumValue(String field, Class<E> type) {
            return child(field).asEnum(type);
        }

        <E extends Enum<E>> E optionalEnum(String field, Class<E> type) {
            return raw(field) == null ? null : child(field).asEnum(type);
        }

        BigDecimal decimal(String field) {
            Node c = child(field);
            try {
                return new BigDecimal(c.asString());
            } catch (NumberFormatException e) {
                throw new CatalogFormatException(c.path + ": expected a decimal number, got '" + c.value + "'", e);
            }
        }

        BigDecimal optionalDecimal(String field) {
            return raw(field) == null ? null : decimal(field);
        }

        LocalDate date(String field) {
            Node c = child(field);
            if (c.value instanceof Date d) {
                // SnakeYAML's safe constructor reads an unquoted date as a UTC midnight java.util.Date.
                return d.toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
            }
            try {
                return LocalDate.parse(c.asString());
            } catch (java.time.format.DateTimeParseException e) {
                throw new CatalogFormatException(
                        c.path + ": expected a date like 2026-01-01, got '" + c.value + "'", e);
            }
        }

        LocalDate optionalDate(String field) {
            return raw(field) == null ? null : date(field);
        }

        Duration duration(String field) {
            Node c = child(field);
            try {
                return DurationText.parse(c.asString().strip());
            } catch (IllegalArgumentException e) {
                throw new CatalogFormatException(c.path + ": " + e.getMessage());
            }
        }

        Duration optionalDuration(String field) {
            return raw(field) == null ? null : duration(field);
        }

        private static String describe(Object v) {
            return v == null ? "nothing" : v.getClass().getSimpleName() + " '" + v + "'";
        }
    }
}
