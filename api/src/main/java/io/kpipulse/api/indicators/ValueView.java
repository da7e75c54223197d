package io.kpipulse.api.indicators;

import io.kpipulse.api.http.Decimals;
import java.time.Instant;
import java.time.LocalDate;

/** One subject's value as JSON; decimals as exact strings (see {@link Decimals}). */
public record ValueView(
        Integer rank,
        String subjectType,
        String subjectId,
        String value,
        String numerator,
        String denominator,
        String target,
        String attainment,
        long eventCount,
        Instant lastEventTime,
        LocalDate windowStart,
        LocalDate windowEnd,
        long catalogVersion,
        long version) {

    public static ValueView of(Integer rank, IndicatorValue v, int scale) {
        return new ValueView(
                rank,
                v.subjectType().name(),
                v.subjectId(),
                Decimals.atScale(v.value(), scale),
                Decimals.plain(v.numerator()),
                Decimals.plain(v.denominator()),
                Decimals.plain(v.target()),
                Decimals.plain(v.attainment()),
                v.eventCount(),
                v.lastEventTime(),
                v.windowStart(),
                v.windowEnd(),
                v.catalogVersion(),
                v.version());
    }
}
