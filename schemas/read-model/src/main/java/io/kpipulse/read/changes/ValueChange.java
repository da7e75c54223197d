package io.kpipulse.read.changes;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.read.values.IndicatorValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One written version of one indicator value row: what the engine upserted, exactly as stored. A row is
 * identified by its {@link #key()}; a higher {@link #version()} of the same key supersedes a lower one.
 * Decimals are null when the engine wrote no value (0 / 0, no target).
 */
public record ValueChange(
        String tenantId,
        String indicatorId,
        String windowType,
        LocalDate windowStart,
        LocalDate windowEnd,
        String subjectType,
        String subjectId,
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal target,
        BigDecimal attainment,
        long eventCount,
        Instant lastEventTime,
        long catalogVersion,
        long version,
        Instant updatedAt) {

    public ValueChange {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(indicatorId, "indicatorId");
        Objects.requireNonNull(windowType, "windowType");
        Objects.requireNonNull(windowStart, "windowStart");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(lastEventTime, "lastEventTime");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /**
     * This version as the stored value it is ({@link io.kpipulse.read.values.InMemoryValues} keeps the newest);
     * empty for a window or subject type this build does not know.
     */
    public Optional<IndicatorValue> asValue() {
        WindowType window;
        SubjectType subject;
        try {
            window = WindowType.valueOf(windowType);
            subject = SubjectType.valueOf(subjectType);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.of(new IndicatorValue(
                indicatorId,
                window,
                subject,
                subjectId,
                windowStart,
                windowEnd,
                value,
                numerator,
                denominator,
                target,
                attainment,
                eventCount,
                lastEventTime,
                catalogVersion,
                version));
    }

    /** The row this is a version of: tenant, indicator, window instance and subject. */
    public Key key() {
        return new Key(indicatorId, windowType, windowStart, subjectType, subjectId);
    }

    public record Key(
            String indicatorId, String windowType, LocalDate windowStart, String subjectType, String subjectId) {}
}
