package io.kpipulse.read.values;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.ValueRule;
import java.math.BigDecimal;
import java.util.List;

/**
 * The SQL expression a ranking of an assembled rolling window orders by: {@link ValueRule#value} over the
 * summed day parts, written in ClickHouse decimals so a page of a ranking moves only its own rows. The
 * value shown is still {@link ValueRule}'s (computed in Java from the same sums); this expression divides
 * at 30 decimals and rounds half-even to the indicator's scale, so it equals the shown value except when an
 * exact quotient lies within 1e-30 above a rounding midpoint — far below any two distinct values of
 * 6-decimal parts with denominators under 1e12.
 *
 * @param sql    the expression over {@code numerator_sum}, {@code denominator_sum}, {@code min_value},
 *               {@code max_value}, with placeholders
 * @param params what its placeholders bind, in order
 */
record AssembledOrder(String sql, List<Object> params) {

    static AssembledOrder of(IndicatorDefinition d) {
        Aggregation a = d.aggregation();
        int scale = d.scale();
        if (!ValueRule.assemblesFromDays(a)) {
            throw new IllegalArgumentException(d.id() + " is not assembled from days");
        }
        Measure measure = a instanceof Aggregation.During w ? w.measure() : a instanceof Measure m ? m : null;
        if (measure != null) {
            return switch (measure.kind()) {
                case COUNT, SUM -> rounded("numerator_sum", scale);
                case AVERAGE -> quotient(BigDecimal.ONE, 1, scale);
                case MIN -> new AssembledOrder("min_value", List.of());
                case MAX -> new AssembledOrder("max_value", List.of());
                case LAST, DISTINCT_COUNT -> throw new AssertionError("holistic");
            };
        }
        if (a instanceof Aggregation.Ratio r) {
            return quotient(r.multiplier(), 1, scale);
        }
        if (a instanceof Aggregation.Share s) {
            return quotient(s.multiplier(), 1, scale);
        }
        if (a instanceof Aggregation.Retention r) {
            return quotient(r.multiplier(), 1, scale);
        }
        if (a instanceof Aggregation.PairedDuration p) {
            return switch (p.statistic()) {
                case AVERAGE -> quotient(BigDecimal.ONE, p.unit().millis(), scale);
                case SUM ->
                    new AssembledOrder(
                            "roundBankers(divideDecimal(toDecimal256(numerator_sum, 6), toDecimal256(?, 0), 30), "
                                    + scale + ")",
                            List.of(String.valueOf(p.unit().millis())));
                case SHARE_WITHIN -> quotient(BigDecimal.ONE, 1, scale);
                case MEDIAN, P90 -> throw new AssertionError("holistic");
            };
        }
        return rounded("numerator_sum", scale); // follow-ups and self-report comparisons: the system's sum
    }

    private static AssembledOrder rounded(String column, int scale) {
        return new AssembledOrder("roundBankers(" + column + ", " + scale + ")", List.of());
    }

    /** numerator × multiplier / (denominator × unit); NULL when the denominator is 0 or absent. */
    private static AssembledOrder quotient(BigDecimal multiplier, long unit, int scale) {
        String sql = "roundBankers(divideDecimal(toDecimal256(numerator_sum, 6) * toDecimal256(?, 10),"
                + " toDecimal256(nullIf(denominator_sum, 0), 6) * toDecimal256(?, 0), 30), " + scale + ")";
        return new AssembledOrder(sql, List.of(multiplier.toPlainString(), String.valueOf(unit)));
    }
}
