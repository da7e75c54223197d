package io.kpipulse.catalog;

import java.util.Arrays;
import java.util.Optional;

/** Operators of catalog filters. Arity -1 means a list of any length. */
public enum ConditionOperator {
    EQ("==", 1),
    NE("!=", 1),
    LT("<", 1),
    LE("<=", 1),
    GT(">", 1),
    GE(">=", 1),
    IN("in", -1),
    NOT_IN("not in", -1),
    IS_NULL("is null", 0),
    NOT_NULL("is not null", 0);

    private final String symbol;
    private final int arity;

    ConditionOperator(String symbol, int arity) {
        this.symbol = symbol;
        this.arity = arity;
    }

    public String symbol() {
        return symbol;
    }

    public int arity() {
        return arity;
    }

    public static Optional<ConditionOperator> bySymbol(String symbol) {
        return Arrays.stream(values()).filter(o -> o.symbol.equals(symbol)).findFirst();
    }
}
