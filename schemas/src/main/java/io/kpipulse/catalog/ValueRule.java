package io.kpipulse.catalog;

import io.kpipulse.catalog.Aggregation.DurationStatistic;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Aggregation.MeasureKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * How a value follows from its additive parts, and its attainment: the one definition the engine (for
 * every window it writes) and the read model (for rolling windows it assembles from day rows) share.
 *
 * <p>The parts are the {@code numerator} and {@code denominator} a stored row carries (sums of amounts,
 * counts, flagged items, duration milliseconds) and the row's value for minimum and maximum. An
 * aggregation {@link #assemblesFromDays assembles from days} when its value over any range of days is
 * this rule applied to the day rows' parts summed (the minimum of the minimums, the maximum of the
 * maximums): every kind except the holistic ones, which need the items themselves (median, p90, distinct
 * count) or their order (last).
 */
public final class ValueRule {

    public static final int ATTAINMENT_SCALE = 4;

    private ValueRule() {}

    /**
     * The window types whose instances are stored for an indicator: its calendar windows, and for its
     * rolling windows either the rolling instances themselves (holistic kinds, one per as-of day) or the
     * DAY instances the read model assembles them from (every other kind) — DAY then stored even when the
     * indicator does not list it.
     */
    public static Set<WindowType> storedWindows(IndicatorDefinition d) {
        if (!assemblesFromDays(d.aggregation()) || d.windows().stream().noneMatch(WindowType::isRolling)) {
            return d.windows();
        }
        EnumSet<WindowType> stored = EnumSet.of(WindowType.DAY);
        for (WindowType w : d.windows()) {
            if (!w.isRolling()) {
                stored.add(w);
            }
        }
        return Collections.unmodifiableSet(stored);
    }

    /** Whether the value over a range of days is {@link #value} of the day rows' parts summed. */
    public static boolean assemblesFromDays(Aggregation a) {
        if (a instanceof Measure m) {
            return additive(m.kind()) || m.kind() == MeasureKind.MIN || m.kind() == MeasureKind.MAX;
        }
        if (a instanceof Aggregation.During w) {
            return assemblesFromDays(w.measure());
        }
        if (a instanceof Aggregation.PairedDuration d) {
            return d.statistic() != DurationStatistic.MEDIAN && d.statistic() != DurationStatistic.P90;
        }
        return true; // ratios, shares, retention, follow-ups and self-report comparisons add up
    }

    /**
     * The value of a decomposable aggregation from its parts, rounded HALF_EVEN to {@code scale} once: a
     * quotient is divided straight to {@code scale} (the exact quotient rounded, never an intermediate
     * rounding first); null where it is undefined (no denominator, nothing counted).
     *
     * @param min the smallest amount (minimum only), max the largest (maximum only)
     */
    public static BigDecimal value(
            Aggregation a, BigDecimal numerator, BigDecimal denominator, BigDecimal min, BigDecimal max, int scale) {
        if (a instanceof Measure m) {
            return switch (m.kind()) {
                case COUNT, SUM -> round(numerator, scale);
                case AVERAGE -> divide(numerator, denominator, scale);
                case MIN -> round(min, scale);
                case MAX -> round(max, scale);
                case LAST, DISTINCT_COUNT -> throw holistic(a);
            };
        }
        if (a instanceof Aggregation.During w) {
            return value(w.measure(), numerator, denominator, min, max, scale);
        }
        if (a instanceof Aggregation.Ratio r) {
            return divide(times(numerator, r.multiplier()), denominator, scale);
        }
        if (a instanceof Aggregation.Share s) {
            return divide(times(numerator, s.multiplier()), denominator, scale);
        }
        if (a instanceof Aggregation.Retention r) {
            return divide(times(numerator, r.multiplier()), denominator, scale);
        }
        if (a instanceof Aggregation.PairedDuration d) {
            BigDecimal unit = BigDecimal.valueOf(d.unit().millis());
            // The parts stay in exact milliseconds; only the value is expressed in the indicator's unit.
            return switch (d.statistic()) {
                case AVERAGE -> denominator == null ? null : divide(numerator, denominator.multiply(unit), scale);
                case SUM -> divide(numerator, unit, scale);
                case SHARE_WITHIN -> divide(numerator, denominator, scale);
                case MEDIAN, P90 -> throw holistic(a);
            };
        }
        if (a instanceof Aggregation.FollowUp || a instanceof Aggregation.SelfReportComparison) {
            return round(numerator, scale);
        }
        throw new IllegalArgumentException("unknown aggregation " + a);
    }

    /** value / target when higher is better, target / value when lower is better; null without a divisor. */
    public static BigDecimal attainment(Direction direction, BigDecimal value, BigDecimal target) {
        if (value == null || target == null) {
            return null;
        }
        return direction == Direction.HIGHER_IS_BETTER
                ? divide(value, target, ATTAINMENT_SCALE)
                : divide(target, value, ATTAINMENT_SCALE);
    }

    /**
     * A stored row's version: the parts folded in dominate, the catalog version breaks ties so a target
     * change rewrites the row. Rows of one key never share a version unless they hold the same parts.
     */
    public static long version(long parts, long catalogVersion) {
        return (parts << 20) | (catalogVersion & 0xFFFFF);
    }

    /**
     * numerator / denominator rounded HALF_EVEN to {@code scale} in one step; null when the denominator is 0
     * or absent. Also far cheaper than dividing to a fixed precision and rounding after: small operands stay in
     * longs. The holistic kinds' values (median, p90) are divided with it too.
     */
    public static BigDecimal divide(BigDecimal numerator, BigDecimal denominator, int scale) {
        if (numerator == null || denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, scale, RoundingMode.HALF_EVEN);
    }

    /** {@code amount} at {@code scale}, HALF_EVEN; null stays null. */
    public static BigDecimal round(BigDecimal amount, int scale) {
        return amount == null ? null : amount.setScale(scale, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal times(BigDecimal amount, BigDecimal multiplier) {
        return amount == null ? null : amount.multiply(multiplier);
    }

    private static boolean additive(MeasureKind kind) {
        return kind == MeasureKind.COUNT || kind == MeasureKind.SUM || kind == MeasureKind.AVERAGE;
    }

    private static IllegalArgumentException holistic(Aggregation a) {
        return new IllegalArgumentException("a holistic aggregation has no value from parts: " + a);
    }
}
