package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * Many subjects × many indicators of one window instance: the instance of {@code window} containing
 * {@code asOf} (rolling windows: the instance ending on it), as {@link IndicatorValueReader#values} answers
 * for one subject.
 */
public record BulkValueQuery(
        String tenantId,
        SubjectType subjectType,
        SubjectSet subjects,
        List<String> indicatorIds,
        WindowType window,
        LocalDate asOf) {

    public BulkValueQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjects, "subjects");
        indicatorIds = List.copyOf(indicatorIds);
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(asOf, "asOf");
    }
}
