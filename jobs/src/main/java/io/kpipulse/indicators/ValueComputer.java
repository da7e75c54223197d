package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.DurationStatistic;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.IndicatorDefinition;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes an indicator's value from a window accumulator, exactly as catalog/README.md defines it:
 * exact decimal arithmetic, one HALF_EVEN rounding to the indicator's scale at the end.
 */
public final class ValueComputer {

    /** Intermediate precision for divisions; far beyond the 6 decimals stored, so the final rounding decides. */
    private static final MathContext EXACT = new MathContext(34, RoundingMode.HALF_EVEN);

    private static final int ATTAINMENT_SCALE = 4;

    private ValueComputer() {}

    public static ComputedValue compute(IndicatorDefinition d, WindowAccumulator acc) {
        ComputedValue raw = unrounded(d.aggregation(), acc);
        BigDecimal value = raw.value() == null ? null : raw.value().setScale(d.scale(), RoundingMode.HALF_EVEN);
        return new ComputedValue(value, raw.numerator(), raw.denominator());
    }

    private static ComputedValue unrounded(Aggregation a, WindowAccumulator acc) {
        if (a instanceof Measure m) {
            return measure(m, acc);
        }
        if (a instanceof Aggregation.Ratio r) {
            BigDecimal den = r.denominatorAddsNumerator() ? acc.denominator.add(acc.numerator) : acc.denominator;
            return new ComputedValue(divide(acc.numerator.multiply(r.multiplier()), den), acc.numerator, den);
        }
        if (a instanceof Aggregation.Share s) {
            return share(acc.flagged, acc.outcomes, s.multiplier());
        }
        if (a instanceof Aggregation.Retention r) {
            return share(acc.flagged, acc.outcomes, r.multiplier());
        }
        if (a instanceof Aggregation.PairedDuration d) {
            return duration(d, acc);
        }
        if (a instanceof Aggregation.FollowUp) {
            return new ComputedValue(acc.sum, acc.sum, null);
        }
        if (a instanceof Aggregation.During w) {
            return measure(w.measure(), acc);
        }
        if (a instanceof Aggregation.SelfReportComparison) {
            return new ComputedValue(acc.numerator, acc.numerator, acc.claimed);
        }
        throw new IllegalArgumentException("unknown aggregation " + a);
    }

    private static ComputedValue measure(Measure m, WindowAccumulator acc) {
        BigDecimal count = BigDecimal.valueOf(acc.items);
        return switch (m.kind()) {
            case COUNT -> new ComputedValue(count, count, null);
            case SUM -> new ComputedValue(acc.sum, acc.sum, null);
            case AVERAGE -> new ComputedValue(divide(acc.sum, count), acc.sum, count);
            case MIN -> new ComputedValue(acc.min, null, null);
            case MAX -> new ComputedValue(acc.max, null, null);
            case LAST -> new ComputedValue(acc.lastValue, null, null);
            case DISTINCT_COUNT -> {
                BigDecimal n = BigDecimal.valueOf(acc.distinct == null ? 0 : acc.distinct.size());
                yield new ComputedValue(n, n, null);
            }
        };
    }

    private static ComputedValue share(long met, long total, BigDecimal multiplier) {
        BigDecimal num = BigDecimal.valueOf(met);
        BigDecimal den = BigDecimal.valueOf(total);
        return new ComputedValue(divide(num.multiply(multiplier), den), num, den);
    }

    private static ComputedValue duration(Aggregation.PairedDuration d, WindowAccumulator acc) {
        BigDecimal n = BigDecimal.valueOf(acc.durations);
        BigDecimal unit = BigDecimal.valueOf(d.unit().millis());
        DurationStatistic stat = d.statistic();
        if (stat == DurationStatistic.SHARE_WITHIN) {
            return share(acc.flagged, acc.durations, BigDecimal.ONE);
        }
        // The parts stay in exact milliseconds; only the value is expressed in the indicator's unit.
        BigDecimal sumMillis = BigDecimal.valueOf(acc.durationSumMillis);
        return switch (stat) {
            case AVERAGE -> new ComputedValue(divide(sumMillis, n.multiply(unit)), sumMillis, n);
            case SUM -> new ComputedValue(divide(sumMillis, unit), sumMillis, n);
            case MEDIAN -> new ComputedValue(median(acc.durationSamples, unit), null, n);
            case P90 -> new ComputedValue(nearestRank(acc.durationSamples, 90, unit), null, n);
            case SHARE_WITHIN -> throw new AssertionError("handled above");
        };
    }

    /** The middle sample, or the mean of the two middle samples; null without samples. */
    static BigDecimal median(List<Long> samples, BigDecimal unit) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Long> sorted = sorted(samples);
        int n = sorted.size();
        BigDecimal middle = n % 2 == 1
                ? BigDecimal.valueOf(sorted.get(n / 2))
                : BigDecimal.valueOf(sorted.get(n / 2 - 1))
                        .add(BigDecimal.valueOf(sorted.get(n / 2)))
                        .divide(BigDecimal.valueOf(2), EXACT);
        return divide(middle, unit);
    }

    /** Nearest rank: the ⌈p/100 · n⌉-th smallest sample. */
    static BigDecimal nearestRank(List<Long> samples, int percentile, BigDecimal unit) {
        if (samples == null || samples.isEmpty()) {
            return null;
        }
        List<Long> sorted = sorted(samples);
        int rank = (percentile * sorted.size() + 99) / 100; // integer ceiling: no floating-point rank errors
        return divide(BigDecimal.valueOf(sorted.get(Math.max(rank, 1) - 1)), unit);
    }

    private static List<Long> sorted(List<Long> samples) {
        List<Long> copy = new ArrayList<>(samples);
        Collections.sort(copy);
        return copy;
    }

    private static BigDecimal divide(BigDecimal numerator, BigDecimal denominator) {
        if (denominator == null || denominator.signum() == 0) {
            return null;
        }
        return numerator.divide(denominator, EXACT);
    }

    /** value / target when higher is better, target / value when lower is better; null without a divisor. */
    public static BigDecimal attainment(Direction direction, BigDecimal value, BigDecimal target) {
        if (value == null || target == null) {
            return null;
        }
        BigDecimal ratio = direction == Direction.HIGHER_IS_BETTER ? divide(value, target) : divide(target, value);
        return ratio == null ? null : ratio.setScale(ATTAINMENT_SCALE, RoundingMode.HALF_EVEN);
    }
}
