package io.kpipulse.api.indicators;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import java.util.List;
import java.util.Objects;

/**
 * Which rows to read: one window instance of some indicators, for one subject or (subjectId null) every
 * subject of a type. Every field is a column of the sorting key, in key order, so the read stays on the
 * primary-key prefix and FINAL may filter before it merges versions.
 */
public record ValueSelection(
        String tenantId, List<String> indicatorIds, WindowBounds window, SubjectType subjectType, String subjectId) {

    public ValueSelection {
        Objects.requireNonNull(tenantId, "tenantId");
        indicatorIds = List.copyOf(indicatorIds);
        if (indicatorIds.isEmpty()) {
            throw new IllegalArgumentException("select at least one indicator");
        }
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(subjectType, "subjectType");
    }
}
