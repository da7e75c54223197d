package io.kpipulse.simulator.truth;

import io.kpipulse.catalog.Condition;
import io.kpipulse.catalog.Filter;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;

/**
 * Reads dotted field paths ({@code header.employeeId}, {@code premium}) from events and evaluates catalog
 * conditions on them. Values are normalised: text and enum symbols to {@link String}, numbers to
 * {@link BigDecimal} (doubles through their shortest decimal representation), instants stay {@link Instant}.
 */
final class Fields {

    private Fields() {}

    static Object value(IndexedRecord record, String path) {
        Object current = record;
        for (String part : path.split("\\.")) {
            if (!(current instanceof IndexedRecord r)) {
                return null;
            }
            Schema.Field field = r.getSchema().getField(part);
            if (field == null) {
                throw new IllegalArgumentException(
                        "no field " + part + " in " + r.getSchema().getFullName());
            }
            current = r.get(field.pos());
        }
        return normalise(current);
    }

    static String text(IndexedRecord record, String path) {
        Object v = value(record, path);
        return v == null ? null : v.toString();
    }

    static BigDecimal number(IndexedRecord record, String path) {
        Object v = value(record, path);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal d) {
            return d;
        }
        throw new IllegalArgumentException(path + " is not a number: " + v);
    }

    static long time(IndexedRecord record, String path) {
        Object v = value(record, path);
        if (v instanceof Instant i) {
            return i.toEpochMilli();
        }
        if (v instanceof BigDecimal d) {
            return d.longValueExact();
        }
        throw new IllegalArgumentException(path + " is not a time: " + v);
    }

    private static Object normalise(Object v) {
        if (v instanceof CharSequence || v instanceof Enum<?> || v instanceof GenericEnumSymbol<?>) {
            return v.toString();
        }
        if (v instanceof Integer i) {
            return BigDecimal.valueOf(i);
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        if (v instanceof Double d) {
            return BigDecimal.valueOf(d);
        }
        if (v instanceof Float f) {
            return new BigDecimal(Float.toString(f));
        }
        return v;
    }

    static boolean matches(IndexedRecord record, Filter filter) {
        for (Condition c : filter.conditions()) {
            if (!holds(value(record, c.field()), c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(Object actual, Condition c) {
        if (actual == null
                && c.operator().arity() == 1
                && c.operator() != io.kpipulse.catalog.ConditionOperator.NE
                && c.operator() != io.kpipulse.catalog.ConditionOperator.EQ) {
            return false; // a missing value satisfies no ordering condition
        }
        return switch (c.operator()) {
            case IS_NULL -> actual == null;
            case NOT_NULL -> actual != null;
            case EQ -> actual != null && same(actual, c.value());
            case NE -> actual == null || !same(actual, c.value());
            case IN -> actual != null && c.values().stream().anyMatch(v -> same(actual, v));
            case NOT_IN -> actual == null || c.values().stream().noneMatch(v -> same(actual, v));
            case LT -> compare(actual, c.value()) < 0;
            case LE -> compare(actual, c.value()) <= 0;
            case GT -> compare(actual, c.value()) > 0;
            case GE -> compare(actual, c.value()) >= 0;
        };
    }

    private static boolean same(Object actual, Object literal) {
        if (actual instanceof BigDecimal a && literal instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        return actual.toString().equals(literal.toString());
    }

    private static int compare(Object actual, Object literal) {
        if (actual instanceof BigDecimal a && literal instanceof BigDecimal b) {
            return a.compareTo(b);
        }
        return actual.toString().compareTo(literal.toString());
    }
}
