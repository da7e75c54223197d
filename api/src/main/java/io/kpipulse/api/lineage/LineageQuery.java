package io.kpipulse.api.lineage;

import io.kpipulse.catalog.SubjectType;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The raw events that may have fed one value: these event types, in [from, to), attributed to the subject.
 * EMPLOYEE subjects match {@code employee_id}; department subjects match {@code department_id} only —
 * the org tree is not in ClickHouse yet, so events of child departments are not included.
 */
public record LineageQuery(
        String tenantId,
        List<String> eventTypes,
        Instant from,
        Instant to,
        SubjectType subjectType,
        String subjectId,
        int limit,
        int offset) {

    public LineageQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        eventTypes = List.copyOf(eventTypes);
        if (eventTypes.isEmpty()) {
            throw new IllegalArgumentException("lineage needs at least one event type");
        }
        Objects.requireNonNull(subjectType, "subjectType");
        Objects.requireNonNull(subjectId, "subjectId");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty time range " + from + ".." + to);
        }
    }

    /** The raw_events column the subject is matched on. A constant per subject type, never user text. */
    String subjectColumn() {
        return subjectType == SubjectType.EMPLOYEE ? "employee_id" : "department_id";
    }
}
