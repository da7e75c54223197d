package io.kpipulse.read.values;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import java.util.List;
import java.util.Objects;

/**
 * A ranking of one indicator's window instance: every subject of a type, or only the given subject ids
 * (a department subtree's members, resolved by the org reader), best first by {@code direction}.
 *
 * @param subjectIds null for every subject of the type; otherwise the subjects ranked among themselves
 */
public record RankingQuery(
        String tenantId,
        String indicatorId,
        Direction direction,
        WindowBounds window,
        SubjectType subjectType,
        List<String> subjectIds) {

    public RankingQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(indicatorId, "indicatorId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(subjectType, "subjectType");
        subjectIds = subjectIds == null ? null : List.copyOf(subjectIds);
    }

    /** Every subject of the type. */
    public static RankingQuery all(
            String tenantId, String indicatorId, Direction direction, WindowBounds window, SubjectType subjectType) {
        return new RankingQuery(tenantId, indicatorId, direction, window, subjectType, null);
    }

    /** Only these subjects, ranked among themselves. */
    public RankingQuery among(List<String> ids) {
        return new RankingQuery(tenantId, indicatorId, direction, window, subjectType, ids);
    }
}
