package io.kpipulse.indicators;

import io.kpipulse.catalog.Condition;
import io.kpipulse.catalog.ConditionOperator;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * A catalog condition bound to one event schema. Equality compares booleans as booleans, numbers by
 * decimal value (so {@code 2 == 2.0}), and everything else (enum symbols, strings, ids) by text.
 */
final class CompiledCondition implements Serializable {

    private static final long serialVersionUID = 1L;

    private final FieldPath field;
    private final ConditionOperator operator;
    private final List<Object> literals;

    CompiledCondition(Schema schema, Condition condition) {
        this.field = FieldPath.compile(schema, condition.field());
        this.operator = condition.operator();
        this.literals = new ArrayList<>(condition.values());
    }

    boolean test(IndexedRecord event) {
        Object value = field.read(event);
        return switch (operator) {
            case IS_NULL -> value == null;
            case NOT_NULL -> value != null;
            case EQ -> value != null && equal(value, literals.get(0));
            case NE -> value == null || !equal(value, literals.get(0));
            case IN -> value != null && literals.stream().anyMatch(l -> equal(value, l));
            case NOT_IN -> value == null || literals.stream().noneMatch(l -> equal(value, l));
            case LT -> compare(value) < 0;
            case LE -> compare(value) <= 0;
            case GT -> compare(value) > 0;
            case GE -> compare(value) >= 0;
        };
    }

    private static boolean equal(Object value, Object literal) {
        if (literal instanceof Boolean b) {
            return value instanceof Boolean v && v.equals(b);
        }
        if (literal instanceof BigDecimal d) {
            BigDecimal v = NumericValues.toDecimal(value);
            return v != null && v.compareTo(d) == 0;
        }
        String text = value instanceof Enum<?> e ? e.name() : value.toString();
        return text.equals(literal.toString());
    }

    /** Ordering comparisons are numeric; a null or non-numeric value never satisfies them. */
    private int compare(Object value) {
        BigDecimal v = NumericValues.toDecimal(value);
        if (v == null || !(literals.get(0) instanceof BigDecimal limit)) {
            return operator == ConditionOperator.LT || operator == ConditionOperator.LE ? 1 : -1;
        }
        return v.compareTo(limit);
    }
}
