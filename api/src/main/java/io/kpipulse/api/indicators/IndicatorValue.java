package io.kpipulse.api.indicators;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The newest version of one row of {@code indicator_values}. Decimals are exact as stored
 * (Decimal(38, 6)); null value means the window has items but no defined value yet (0 / 0).
 */
public record IndicatorValue(
        String indicatorId,
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
        long version) {}
