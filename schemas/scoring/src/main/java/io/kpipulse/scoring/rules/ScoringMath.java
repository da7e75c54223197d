package io.kpipulse.scoring.rules;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * The one rounding rule of scoring and pay, applied in one place each:
 *
 * <ul>
 *   <li>A division inside a rule (value / target, a share of units) keeps 20 significant digits, HALF_EVEN;
 *       it is never shown, only multiplied on.
 *   <li>An item's points are rounded once, to 2 decimals HALF_UP (what people see on their scorecard and
 *       what they add up by hand); the system score is the exact sum of the rounded item points, the
 *       composite the exact sum of system and manager points.
 *   <li>Performance pay is computed exactly from base pay, composite and every multiplier, and rounded once
 *       at the end, to 0.01 CNY HALF_EVEN (banker's rounding: no upward drift over a payroll).
 * </ul>
 */
public final class ScoringMath {

    public static final int POINTS_SCALE = 2;
    public static final RoundingMode POINTS_ROUNDING = RoundingMode.HALF_UP;
    public static final int MONEY_SCALE = 2;
    public static final RoundingMode MONEY_ROUNDING = RoundingMode.HALF_EVEN;
    static final MathContext DIVISION = new MathContext(20, RoundingMode.HALF_EVEN);
    public static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ScoringMath() {}

    public static BigDecimal points(BigDecimal exact) {
        return exact.setScale(POINTS_SCALE, POINTS_ROUNDING);
    }

    public static BigDecimal money(BigDecimal exact) {
        return exact.setScale(MONEY_SCALE, MONEY_ROUNDING);
    }

    public static BigDecimal divide(BigDecimal dividend, BigDecimal divisor) {
        return dividend.divide(divisor, DIVISION);
    }

    public static BigDecimal clamp(BigDecimal value, BigDecimal min, BigDecimal max) {
        return value.max(min).min(max);
    }

    /** Plain notation without trailing zeros, for the "why" texts: 0.900000 → 0.9. */
    public static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }
}
