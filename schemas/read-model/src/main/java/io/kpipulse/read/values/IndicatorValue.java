package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The newest version of one indicator value: one window instance of one subject. Decimals are exact as
 * stored (six decimals); a null value means the window has items but no defined value yet (0 / 0).
 * {@code numerator} and {@code denominator} are the unrounded parts where the aggregation has them (for a
 * self-report comparison: the system-of-record count and the self-reported count).
 */
public record IndicatorValue(
        String indicatorId,
        WindowType windowType,
        SubjectType subjectType,
        String subjectId,
        LocalDate windowStart,
        LocalDate windowEnd,
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal target,
        BigDecimal attainment,
        long eventCount,
        Instant lastEventTime,
        long catalogVersion,
        long version) {

    public WindowBounds window() {
        return new WindowBounds(windowType, windowStart, windowEnd);
    }
}
