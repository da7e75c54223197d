package io.kpipulse.read.values;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The answer of a bulk read: by subject id, then indicator id, the newest value of the instance. A subject
 * or indicator with nothing counted in the instance is absent; a present value may be undefined (0 / 0).
 */
public record ValueGrid(Map<String, Map<String, IndicatorValue>> bySubject) {

    public ValueGrid {
        bySubject = Map.copyOf(bySubject);
    }

    static ValueGrid of(List<IndicatorValue> values) {
        Map<String, Map<String, IndicatorValue>> grid = new HashMap<>();
        for (IndicatorValue v : values) {
            grid.computeIfAbsent(v.subjectId(), k -> new HashMap<>()).put(v.indicatorId(), v);
        }
        grid.replaceAll((k, v) -> Map.copyOf(v));
        return new ValueGrid(grid);
    }

    public Optional<IndicatorValue> get(String subjectId, String indicatorId) {
        return Optional.ofNullable(bySubject.getOrDefault(subjectId, Map.of()).get(indicatorId));
    }

    /** One subject's values by indicator id (empty when nothing was counted for it). */
    public Map<String, IndicatorValue> of(String subjectId) {
        return bySubject.getOrDefault(subjectId, Map.of());
    }

    /** How many values the grid holds. */
    public int size() {
        return bySubject.values().stream().mapToInt(Map::size).sum();
    }
}
