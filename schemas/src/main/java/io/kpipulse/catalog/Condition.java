package io.kpipulse.catalog;

import java.util.List;
import java.util.Objects;

/**
 * {@code field op literal} on one event. Literals are kept as written in the catalog (strings,
 * booleans, decimals, or a list for {@code in}); {@link ConditionOperator} defines comparison.
 */
public record Condition(String field, ConditionOperator operator, List<Object> values) {

    public Condition {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(operator, "operator");
        values = List.copyOf(values);
        if (operator.arity() >= 0 && values.size() != operator.arity()) {
            throw new IllegalArgumentException(operator.symbol() + " takes " + operator.arity() + " value(s), got "
                    + values.size() + " for field " + field);
        }
    }

    public Object value() {
        return values.get(0);
    }

    @Override
    public String toString() {
        return field + " " + operator.symbol()
                + (values.isEmpty()
                        ? ""
                        : " " + (values.size() == 1 && operator.arity() == 1 ? values.get(0) : values));
    }
}
