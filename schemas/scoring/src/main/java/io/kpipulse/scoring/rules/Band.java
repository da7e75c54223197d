package io.kpipulse.scoring.rules;

import java.math.BigDecimal;

/**
 * One band of a range with explicit bounds, and what a value in it yields (points, or a bonus multiplier).
 *
 * @param lower null for no lower bound (−∞)
 * @param upper null for no upper bound (+∞)
 */
public record Band(
        BigDecimal lower, boolean lowerInclusive, BigDecimal upper, boolean upperInclusive, BigDecimal result) {

    public boolean contains(BigDecimal value) {
        boolean aboveLower =
                lower == null || (lowerInclusive ? value.compareTo(lower) >= 0 : value.compareTo(lower) > 0);
        boolean belowUpper =
                upper == null || (upperInclusive ? value.compareTo(upper) <= 0 : value.compareTo(upper) < 0);
        return aboveLower && belowUpper;
    }

    /** The band in interval notation: {@code (1, 2]}, {@code (-∞, 1]}. */
    public String describe() {
        return (lower == null ? "(-∞" : (lowerInclusive ? "[" : "(") + ScoringMath.plain(lower)) + ", "
                + (upper == null ? "+∞)" : ScoringMath.plain(upper) + (upperInclusive ? "]" : ")"));
    }
}
