package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.DurationStatistic;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.ValueRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes an indicator's value from a window accumulator, exactly as catalog/README.md defines it: the
 * accumulator gives the parts a row stores (numerator, denominator), {@link ValueRule} the value from them
 * (the rule the read model applies to rolling windows too); holistic kinds (median, p90, distinct count,
 * last) are computed here from the items kept. One HALF_EVEN rounding to the indicator's scale at the end.
 */
public final class ValueComputer {

    private ValueComputer() {}

    public static ComputedValue compute(IndicatorDefinition d, WindowAccumulator acc) {
        Aggregation a = d.aggregation();
        ComputedValue parts = parts(a, acc);
        BigDecimal value = ValueRule.assemblesFromDays(a)
                ? ValueRule.value(a, parts.numerator(), parts.denominator(), acc.min, acc.max, d.scale())
                : holistic(a, acc, d.scale());
        return new ComputedValue(value, parts.numerator(), parts.denominator());
    }

    /** The parts stored beside the value (value left null here). */
    private static ComputedValue parts(Aggregation a, WindowAccumulator acc) {
        if (a instanceof Measure m) {
            return measureParts(m, acc);
        }
        if (a instanceof Aggregation.During w) {
            return measureParts(w.measure(), acc);
        }
        if (a instanceof Aggregation.Ratio r) {
            BigDecimal den = r.denominatorAddsNumerator() ? acc.denominator.add(acc.numerator) : acc.denominator;
            return new ComputedValue(null, acc.numerator, den);
        }
        if (a instanceof Aggregation.Share || a instanceof Aggregation.Retention) {
            return new ComputedValue(null, BigDecimal.valueOf(acc.flagged), BigDecimal.valueOf(acc.outcomes));
        }
        if (a instanceof Aggregation.PairedDuration d) {
            BigDecimal n = BigDecimal.valueOf(acc.durations);
            return switch (d.statistic()) {
                case SHARE_WITHIN -> new ComputedValue(null, BigDecimal.valueOf(acc.flagged), n);
                case AVERAGE, SUM -> new ComputedValue(null, BigDecimal.valueOf(acc.durationSumMillis), n);
                case MEDIAN, P90 -> new ComputedValue(null, null, n);
            };
        }
        if (a instanceof Aggregation.FollowUp) {
            return new ComputedValue(null, acc.sum, null);
        }
        if (a instanceof Aggregation.SelfReportComparison) {
            return new ComputedValue(null, acc.numerator, acc.claimed);
        }
        throw new IllegalArgumentException("unknown aggregation " + a);
    }

    private static ComputedValue measureParts(Measure m, WindowAccumulator acc) {
        BigDecimal count = BigDecimal.valueOf(acc.items);
        return switch (m.kind()) {
            case COUNT -> new ComputedValue(null, count, null);
            case SUM -> new ComputedValue(null, acc.sum, null);
            case AVERAGE -> new ComputedValue(null, acc.sum, count);
            case MIN, MAX, LAST -> new ComputedValue(null, null, null);
            case DISTINCT_COUNT -> {
                BigDecimal n = distinct(acc);
                yield new ComputedValue(null, n, null);
            }
        };
    }

    /** The value of a kind that needs the items themselves or their order, at {@code scale}. */
    private static BigDecimal holistic(Aggregation a, WindowAccumulator acc, int scale) {
        Measure m = a instanceof Aggregation.During w ? w.measure() : a instanceof Measure x ? x : null;
        if (m != null) {
            return switch (m.kind()) {
                case LAST -> ValueRule.round(acc.lastValue, scale);
                case DISTINCT_COUNT -> ValueRule.round(distinct(acc), scale);
                default -> throw new IllegalArgumentException("not holistic: " + a);
            };
        }
        Aggregation.PairedDuration d = (Aggregation.PairedDuration) a;
        BigDecimal unit = BigDecimal.valueOf(d.unit().millis());
        return d.statistic() == DurationStatistic.MEDIAN
                ? median(acc.durationSamples, unit, scale)
                : nearestRank(acc.durationSamples, 90, unit, scale);
    }

    private static BigDecimal distinct(WindowAccumulator acc) {
        return BigDecimal.valueOf(acc.distinct == null ? 0 : acc.distinct.size());
    }

    /** The middle sample, or the mean of the two middle samples, in {@code unit} at {@code scale}; null without samples. */
    static BigDecimal median(List<Long> samples, BigDecimal unit, int scale) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Long> sorted = sorted(samples);
        int n = sorted.size();
        if (n % 2 == 1) {
            return ValueRule.divide(BigDecimal.valueOf(sorted.get(n / 2)), unit, scale);
        }
        // The two middle samples' sum over twice the unit: their mean in the unit, rounded once.
        BigDecimal sum = BigDecimal.valueOf(sorted.get(n / 2 - 1)).add(BigDecimal.valueOf(sorted.get(n / 2)));
        return ValueRule.divide(sum, unit.multiply(BigDecimal.valueOf(2)), scale);
    }

    /** Nearest rank: the ⌈p/100 · n⌉-th smallest sample, in {@code unit} at {@code scale}. */
    static BigDecimal nearestRank(List<Long> samples, int percentile, BigDecimal unit, int scale) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Long> sorted = sorted(samples);
        int rank = (percentile * sorted.size() + 99) / 100; // integer ceiling: no floating-point rank errors
        return ValueRule.divide(BigDecimal.valueOf(sorted.get(Math.max(rank, 1) - 1)), unit, scale);
    }

    private static List<Long> sorted(List<Long> samples) {
        List<Long> copy = new ArrayList<>(samples);
        Collections.sort(copy);
        return copy;
    }
}
