package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.Objects;

/** One subject's values of one indicator and window at every step from {@code from} to {@code to}. */
public record HistoryQuery(
        String tenantId,
        String indicatorId,
        WindowType window,
        SubjectType subjectType,
        String subjectId,
        LocalDate from,
        LocalDate to,
        HistoryStep step) {

    public HistoryQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(indicatorId, "indicatorId");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(step, "step");
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("history from " + from + " is after to " + to);
        }
        step.problemWith(window).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        if (step.pointCount(from, to) > HistoryStep.MAX_POINTS) {
            throw new IllegalArgumentException("a history has at most " + HistoryStep.MAX_POINTS + " points");
        }
    }
}
