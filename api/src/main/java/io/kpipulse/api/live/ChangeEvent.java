package io.kpipulse.api.live;

import io.kpipulse.api.http.Decimals;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.read.changes.ValueChange;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The JSON of one {@code value} event: a new version of an indicator value, with the same decimal rules as
 * {@code /values} (strings in plain notation, the value at the indicator's scale when exact).
 */
record ChangeEvent(
        String tenant,
        String indicator,
        String window,
        LocalDate windowStart,
        LocalDate windowEnd,
        String subjectType,
        String subjectId,
        String value,
        String numerator,
        String denominator,
        String target,
        String attainment,
        long eventCount,
        long catalogVersion,
        long version,
        Instant updatedAt) {

    static ChangeEvent of(ValueChange c, IndicatorDefinition indicator) {
        return new ChangeEvent(
                c.tenantId(),
                c.indicatorId(),
                c.windowType(),
                c.windowStart(),
                c.windowEnd(),
                c.subjectType(),
                c.subjectId(),
                indicator == null ? Decimals.plain(c.value()) : Decimals.atScale(c.value(), indicator.scale()),
                Decimals.plain(c.numerator()),
                Decimals.plain(c.denominator()),
                Decimals.plain(c.target()),
                Decimals.plain(c.attainment()),
                c.eventCount(),
                c.catalogVersion(),
                c.version(),
                c.updatedAt());
    }
}
