package io.kpipulse.read.values;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which stored rows to read: some instances (by first day) of one window type of some indicators, for a
 * list of subjects or (empty list) every subject of a type. Every field is a column of the sorting key, so
 * the read stays on the primary key and FINAL may filter before it merges versions.
 */
record ValueSelection(
        String tenantId,
        List<String> indicatorIds,
        WindowType windowType,
        List<LocalDate> windowStarts,
        SubjectType subjectType,
        List<String> subjectIds) {

    ValueSelection {
        Objects.requireNonNull(tenantId, "tenantId");
        indicatorIds = List.copyOf(indicatorIds);
        if (indicatorIds.isEmpty()) {
            throw new IllegalArgumentException("select at least one indicator");
        }
        Objects.requireNonNull(windowType, "windowType");
        windowStarts = List.copyOf(windowStarts);
        if (windowStarts.isEmpty()) {
            throw new IllegalArgumentException("select at least one window instance");
        }
        Objects.requireNonNull(subjectType, "subjectType");
        subjectIds = List.copyOf(subjectIds);
    }

    boolean allSubjects() {
        return subjectIds.isEmpty();
    }

    /** The bound values in the order of the placeholders of {@link ValueReadStrategy#sql}. */
    List<Object> params() {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        params.addAll(indicatorIds);
        params.add(windowType.name());
        params.addAll(windowStarts);
        params.add(subjectType.name());
        params.addAll(subjectIds);
        return params;
    }

    /** The bound values by the names of {@link ValueReadStrategy#figuresSql}; dates as ISO text. */
    Map<String, Object> namedParams() {
        Map<String, Object> params = new HashMap<>();
        params.put("tenant", tenantId);
        for (int i = 0; i < indicatorIds.size(); i++) {
            params.put("i" + i, indicatorIds.get(i));
        }
        params.put("window", windowType.name());
        for (int i = 0; i < windowStarts.size(); i++) {
            params.put("d" + i, windowStarts.get(i).toString());
        }
        params.put("subjectType", subjectType.name());
        for (int i = 0; i < subjectIds.size(); i++) {
            params.put("s" + i, subjectIds.get(i));
        }
        return params;
    }
}
