package io.kpipulse.indicators;

import java.math.BigDecimal;

/** Converts Avro field values to exact decimals; doubles go through their shortest decimal string. */
final class NumericValues {

    private NumericValues() {}

    static BigDecimal toDecimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof Double || value instanceof Float) {
            // BigDecimal.valueOf(double) uses Double.toString: 0.1 stays 0.1, not its binary expansion.
            return BigDecimal.valueOf(((Number) value).doubleValue());
        }
        if (value instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        return null;
    }
}
