package io.kpipulse.api.indicators;

import io.kpipulse.api.http.Decimals;
import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.read.values.IndicatorValue;
import io.kpipulse.read.values.InstanceValue;
import io.kpipulse.read.values.ValueStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One subject's value as JSON; decimals as exact strings (see {@link Decimals}).
 *
 * @param status OK, WARN or CRITICAL against the catalog's warn and critical attainment levels; null when
 *     there is no attainment or the rule has no levels
 * @param trend the previous instance's value and the change since, or null when there is no previous value
 * @param selfReport for a self-report indicator: the system-of-record count (the value), the self-reported
 *     count and their difference; null for every other indicator
 */
public record ValueView(
        Integer rank,
        String subjectType,
        String subjectId,
        String name,
        String value,
        String numerator,
        String denominator,
        String target,
        String attainment,
        String status,
        TrendView trend,
        SelfReportView selfReport,
        long eventCount,
        Instant lastEventTime,
        LocalDate windowStart,
        LocalDate windowEnd,
        long catalogVersion,
        long version) {

    /** The previous window instance (last month for a month to date) and the change since. */
    public record TrendView(LocalDate previousStart, String previous, String change) {}

    /**
     * System of record against self-report (the CRM verified 80 records, the employee claimed 100):
     * {@code difference} is self-reported minus system of record, so a positive number is over-reporting.
     */
    public record SelfReportView(String systemOfRecordCount, String selfReportedCount, String difference) {}

    public static ValueView of(Integer rank, InstanceValue v, IndicatorDefinition indicator) {
        IndicatorValue c = v.current();
        return new ValueView(
                rank,
                c.subjectType().name(),
                c.subjectId(),
                null,
                Decimals.atScale(c.value(), indicator.scale()),
                Decimals.plain(c.numerator()),
                Decimals.plain(c.denominator()),
                Decimals.plain(c.target()),
                Decimals.plain(c.attainment()),
                status(indicator, c),
                trend(v, indicator.scale()),
                selfReport(indicator, c),
                c.eventCount(),
                c.lastEventTime(),
                c.windowStart(),
                c.windowEnd(),
                c.catalogVersion(),
                c.version());
    }

    /** This view with the subject's display name (from the org directory as of the day asked). */
    public ValueView named(String displayName) {
        return new ValueView(
                rank,
                subjectType,
                subjectId,
                displayName,
                value,
                numerator,
                denominator,
                target,
                attainment,
                status,
                trend,
                selfReport,
                eventCount,
                lastEventTime,
                windowStart,
                windowEnd,
                catalogVersion,
                version);
    }

    /**
     * The target rule is resolved with what is known of the subject's place in the org: a department is
     * its own nearest department; an employee's department is not known to the values reader, so only
     * rules for every department apply until the org reader supplies the path.
     */
    static String status(IndicatorDefinition indicator, IndicatorValue value) {
        List<String> path = value.subjectType() == SubjectType.EMPLOYEE ? List.of() : List.of(value.subjectId());
        return ValueStatus.of(indicator, value, path).map(Enum::name).orElse(null);
    }

    private static TrendView trend(InstanceValue v, int scale) {
        if (v.previous() == null || v.previous().value() == null) {
            return null;
        }
        return new TrendView(
                v.previous().windowStart(), Decimals.atScale(v.previous().value(), scale), Decimals.plain(v.change()));
    }

    private static SelfReportView selfReport(IndicatorDefinition indicator, IndicatorValue value) {
        if (!(indicator.aggregation() instanceof Aggregation.SelfReportComparison)) {
            return null;
        }
        BigDecimal system = value.numerator();
        BigDecimal claimed = value.denominator();
        BigDecimal difference = system == null || claimed == null ? null : claimed.subtract(system);
        return new SelfReportView(Decimals.plain(system), Decimals.plain(claimed), Decimals.plain(difference));
    }
}
