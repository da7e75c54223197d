package io.kpipulse.simulator.truth;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.DurationStatistic;
import io.kpipulse.catalog.Aggregation.FollowUp;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Aggregation.PairedDuration;
import io.kpipulse.catalog.Aggregation.Ratio;
import io.kpipulse.catalog.Aggregation.Retention;
import io.kpipulse.catalog.Aggregation.SelfReportComparison;
import io.kpipulse.catalog.Aggregation.Share;
import io.kpipulse.simulator.truth.Item.Role;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The value of one (window instance, subject) from all its items, exact decimal arithmetic rounded once,
 * HALF_EVEN, to the indicator's scale. Department values come from the same items as employee values, never
 * from the children's values.
 */
final class ValueCalculator {

    private ValueCalculator() {}

    static Computed compute(Aggregation aggregation, List<Item> items, int scale) {
        if (aggregation instanceof Measure m) {
            return measure(m, items, scale);
        }
        if (aggregation instanceof Ratio r) {
            BigDecimal num = sum(items, Role.NUMERATOR);
            BigDecimal den = sum(items, Role.DENOMINATOR);
            if (r.denominatorAddsNumerator()) {
                den = den.add(num);
            }
            return new Computed(divide(num.multiply(r.multiplier()), den, scale), num, den, items.size());
        }
        if (aggregation instanceof Share s) {
            return met(items, s.multiplier(), scale);
        }
        if (aggregation instanceof Retention r) {
            return met(items, r.multiplier(), scale);
        }
        if (aggregation instanceof PairedDuration d) {
            return duration(d, items, scale);
        }
        if (aggregation instanceof FollowUp) {
            BigDecimal total = sum(items, Role.MEASURE);
            return new Computed(total.setScale(scale, RoundingMode.HALF_EVEN), total, null, items.size());
        }
        if (aggregation instanceof Aggregation.During d) {
            return measure(d.measure(), items, scale);
        }
        if (aggregation instanceof SelfReportComparison) {
            long systemItems =
                    items.stream().filter(i -> i.role() == Role.MEASURE).count();
            boolean claimed = items.stream().anyMatch(i -> i.role() == Role.CLAIM);
            BigDecimal system = sum(items, Role.MEASURE);
            return new Computed(
                    system.setScale(scale, RoundingMode.HALF_EVEN),
                    system,
                    claimed ? sum(items, Role.CLAIM) : null,
                    (int) systemItems);
        }
        throw new IllegalArgumentException("unsupported aggregation " + aggregation);
    }

    private static Computed measure(Measure m, List<Item> items, int scale) {
        int n = items.size();
        BigDecimal total = sum(items, Role.MEASURE);
        return switch (m.kind()) {
            case COUNT ->
                new Computed(
                        BigDecimal.valueOf(n).setScale(scale, RoundingMode.HALF_EVEN), BigDecimal.valueOf(n), null, n);
            case SUM -> new Computed(total.setScale(scale, RoundingMode.HALF_EVEN), total, null, n);
            case AVERAGE -> new Computed(divide(total, BigDecimal.valueOf(n), scale), total, BigDecimal.valueOf(n), n);
            case MIN ->
                new Computed(
                        items.stream()
                                .map(Item::value)
                                .min(Comparator.naturalOrder())
                                .orElseThrow()
                                .setScale(scale, RoundingMode.HALF_EVEN),
                        null,
                        null,
                        n);
            case MAX ->
                new Computed(
                        items.stream()
                                .map(Item::value)
                                .max(Comparator.naturalOrder())
                                .orElseThrow()
                                .setScale(scale, RoundingMode.HALF_EVEN),
                        null,
                        null,
                        n);
            case DISTINCT_COUNT -> {
                int distinct = new TreeSet<>(items.stream().map(Item::other).toList()).size();
                yield new Computed(
                        BigDecimal.valueOf(distinct).setScale(scale, RoundingMode.HALF_EVEN),
                        BigDecimal.valueOf(distinct),
                        null,
                        n);
            }
            case LAST -> {
                Item last = items.stream()
                        .max(Comparator.comparingLong(Item::time).thenComparing(Item::other))
                        .orElseThrow();
                yield new Computed(last.value().setScale(scale, RoundingMode.HALF_EVEN), null, null, n);
            }
        };
    }

    private static Computed met(List<Item> items, BigDecimal multiplier, int scale) {
        BigDecimal met = BigDecimal.valueOf(
                items.stream().filter(i -> i.role() == Role.MET).count());
        BigDecimal n = BigDecimal.valueOf(items.size());
        return new Computed(divide(met.multiply(multiplier), n, scale), met, n, items.size());
    }

    private static Computed duration(PairedDuration d, List<Item> items, int scale) {
        int n = items.size();
        BigDecimal unit = BigDecimal.valueOf(d.unit().millis());
        long[] sorted = items.stream()
                .mapToLong(i -> i.value().longValueExact())
                .sorted()
                .toArray();
        BigDecimal total = sum(items, Role.DURATION);
        BigDecimal count = BigDecimal.valueOf(n);
        DurationStatistic statistic = d.statistic();
        return switch (statistic) {
            case AVERAGE -> new Computed(divide(total, count.multiply(unit), scale), total, count, n);
            case SUM -> new Computed(divide(total, unit, scale), total, null, n);
            case MEDIAN -> {
                BigDecimal median2 = n % 2 == 1
                        ? BigDecimal.valueOf(sorted[n / 2]).multiply(BigDecimal.valueOf(2))
                        : BigDecimal.valueOf(sorted[n / 2 - 1]).add(BigDecimal.valueOf(sorted[n / 2]));
                yield new Computed(divide(median2, unit.multiply(BigDecimal.valueOf(2)), scale), null, count, n);
            }
            case P90 -> {
                int rank = (9 * n + 9) / 10; // ⌈0.9·n⌉ in integers
                yield new Computed(divide(BigDecimal.valueOf(sorted[rank - 1]), unit, scale), null, count, n);
            }
            case SHARE_WITHIN -> {
                long limit = d.limit().toMillis();
                BigDecimal within = BigDecimal.valueOf(
                        java.util.Arrays.stream(sorted).filter(v -> v <= limit).count());
                yield new Computed(divide(within, count, scale), within, count, n);
            }
        };
    }

    private static BigDecimal sum(List<Item> items, Role role) {
        BigDecimal total = BigDecimal.ZERO;
        for (Item i : items) {
            if (i.role() == role) {
                total = total.add(i.value());
            }
        }
        return total;
    }

    /** num / den rounded once to {@code scale}; null for a zero denominator (no value, not zero). */
    static BigDecimal divide(BigDecimal num, BigDecimal den, int scale) {
        return den.signum() == 0 ? null : num.divide(den, scale, RoundingMode.HALF_EVEN);
    }
}
