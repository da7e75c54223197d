package io.kpipulse.indicators;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of {@code indicator_values}: the newest value of one indicator for one window instance of one
 * subject, and when it was computed (processing time; freshness is measured against it).
 * {@code subjectPath} is the subject's department and its ancestors, nearest first, as the newest item
 * knew them: the read model resolves the targets of the rolling windows it assembles with it. {@code version} grows with the items folded in (and the catalog version), so ClickHouse's
 * ReplacingMergeTree keeps the most complete row even when a replay rewrites rows in another order.
 */
public record IndicatorRow(
        String tenantId,
        String indicatorId,
        WindowType windowType,
        LocalDate windowStart,
        LocalDate windowEnd,
        SubjectType subjectType,
        String subjectId,
        List<String> subjectPath,
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal target,
        BigDecimal attainment,
        long eventCount,
        long lastEventTime,
        long catalogVersion,
        long version,
        long computedAtMillis) {

    /** Parts folded in dominate the version; the catalog version breaks ties so a target change rewrites the row. */
    public static long versionOf(long parts, long catalogVersion) {
        return io.kpipulse.catalog.ValueRule.version(parts, catalogVersion);
    }
}
