package io.kpipulse.testing;

import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.ValueRule;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.indicators.IndicatorRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rolling instance as the read model assembles it, from the rows an engine test collected: the newest
 * DAY row of each of the instance's days, parts summed, value by {@link ValueRule}. Null when no day of the
 * instance holds a row (the read model shows no value then). Target and attainment are the read model's
 * business and left null.
 */
public final class RollingFromDays {

    private RollingFromDays() {}

    public static IndicatorRow assemble(
            List<IndicatorRow> rows,
            IndicatorDefinition d,
            WindowType rolling,
            LocalDate asOf,
            SubjectType subjectType,
            String subjectId) {
        WindowBounds instance = rolling.instanceFor(asOf);
        Map<LocalDate, IndicatorRow> newest = new HashMap<>();
        for (IndicatorRow r : rows) {
            if (r.indicatorId().equals(d.id())
                    && r.windowType() == WindowType.DAY
                    && r.subjectType() == subjectType
                    && r.subjectId().equals(subjectId)
                    && !r.windowStart().isBefore(instance.start())
                    && !r.windowStart().isAfter(instance.end())) {
                newest.merge(r.windowStart(), r, (a, b) -> b.version() > a.version() ? b : a);
            }
        }
        if (newest.isEmpty()) {
            return null;
        }
        BigDecimal numerator = null;
        BigDecimal denominator = null;
        BigDecimal min = null;
        BigDecimal max = null;
        long events = 0;
        long parts = 0;
        long lastEventTime = Long.MIN_VALUE;
        for (IndicatorRow r : newest.values()) {
            numerator = plus(numerator, r.numerator());
            denominator = plus(denominator, r.denominator());
            min = r.value() == null || min != null && min.compareTo(r.value()) <= 0 ? min : r.value();
            max = r.value() == null || max != null && max.compareTo(r.value()) >= 0 ? max : r.value();
            events += r.eventCount();
            parts += r.version() >>> 20;
            lastEventTime = Math.max(lastEventTime, r.lastEventTime());
        }
        IndicatorRow any = newest.values().iterator().next();
        return new IndicatorRow(
                any.tenantId(),
                d.id(),
                rolling,
                instance.start(),
                instance.end(),
                subjectType,
                subjectId,
                any.subjectPath(),
                ValueRule.value(d.aggregation(), numerator, denominator, min, max, d.scale()),
                numerator,
                denominator,
                null,
                null,
                events,
                lastEventTime,
                any.catalogVersion(),
                ValueRule.version(parts, any.catalogVersion()),
                any.computedAtMillis());
    }

    private static BigDecimal plus(BigDecimal sum, BigDecimal part) {
        return part == null ? sum : sum == null ? part : sum.add(part);
    }
}
