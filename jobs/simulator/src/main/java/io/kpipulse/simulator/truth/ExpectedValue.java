package io.kpipulse.simulator.truth;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;

/**
 * One expected indicator value: what the engine must publish for this (tenant, indicator, window instance,
 * subject). {@code value} is null when there is no value (a zero denominator); {@code numerator} and
 * {@code denominator} are the unrounded parts where the aggregation has them; {@code target} and
 * {@code attainment} are null without a target rule or without a value.
 */
public record ExpectedValue(
        String tenantId,
        String indicatorId,
        WindowType windowType,
        LocalDate windowStart,
        LocalDate windowEnd,
        SubjectType subjectType,
        String subjectId,
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        long itemCount,
        BigDecimal target,
        BigDecimal attainment) {

    /** The order of ground-truth.csv. */
    public static final Comparator<ExpectedValue> ORDER = Comparator.comparing(ExpectedValue::tenantId)
            .thenComparing(ExpectedValue::indicatorId)
            .thenComparing(v -> v.windowType().name())
            .thenComparing(ExpectedValue::windowStart)
            .thenComparing(v -> v.subjectType().name())
            .thenComparing(ExpectedValue::subjectId);

    public static final String CSV_HEADER = "tenant_id,indicator_id,window_type,window_start,window_end,subject_type,"
            + "subject_id,value,numerator,denominator,item_count,target,attainment";

    /** Ids never contain commas or quotes (checked), so no quoting is needed. */
    public String toCsv() {
        for (String text : new String[] {tenantId, indicatorId, subjectId}) {
            if (text.contains(",") || text.contains("\"") || text.contains("\n")) {
                throw new IllegalStateException("id not CSV-safe: " + text);
            }
        }
        return String.join(
                ",",
                tenantId,
                indicatorId,
                windowType.name(),
                windowStart.toString(),
                windowEnd.toString(),
                subjectType.name(),
                subjectId,
                plain(value),
                plain(numerator),
                plain(denominator),
                Long.toString(itemCount),
                plain(target),
                plain(attainment));
    }

    private static String plain(BigDecimal d) {
        return d == null ? "" : d.toPlainString();
    }
}
