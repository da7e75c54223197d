package io.kpipulse.api.http;

import java.math.BigDecimal;

/**
 * Decimals leave the API as JSON strings in plain notation: pay is computed from them, and a JSON number
 * would be parsed into a binary float by most clients. ClickHouse returns six decimals; values are shown
 * at their indicator's scale whenever that loses nothing.
 */
public final class Decimals {

    private Decimals() {}

    /** At {@code scale} decimals if that is exact, otherwise every stored decimal; null stays null. */
    public static String atScale(BigDecimal value, int scale) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() <= scale) {
            return value.setScale(scale).toPlainString();
        }
        return stripped.toPlainString();
    }

    /** Without trailing zeros (1.500000 → 1.5, 100.000000 → 100); null stays null. */
    public static String plain(BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
