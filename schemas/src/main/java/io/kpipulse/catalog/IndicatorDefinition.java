package io.kpipulse.catalog;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One indicator of the catalog: what it means, how it is computed, for which windows and subjects,
 * and against which targets. Definitions are data: they come from YAML (the template library) or
 * from the control topic at run time, and jobs and API read the same objects.
 *
 * @param descriptions what the indicator means, by language ({@code en}, {@code zh-CN}); empty, or with {@code en}
 * @param scale decimal places kept for the value (rounding HALF_EVEN)
 */
public record IndicatorDefinition(
        String id,
        Map<String, String> names,
        Map<String, String> descriptions,
        DepartmentKind owner,
        Perspective perspective,
        String unit,
        Direction direction,
        Aggregation aggregation,
        Set<WindowType> windows,
        Set<SubjectType> subjects,
        List<TargetRule> targets,
        int scale) {

    public IndicatorDefinition {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z][a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("indicator id must be lower_snake_case, got: " + id);
        }
        names = Map.copyOf(names);
        if (!names.containsKey("en") || !names.containsKey("zh-CN")) {
            throw new IllegalArgumentException("indicator " + id + " needs names in en and zh-CN");
        }
        descriptions = Map.copyOf(descriptions);
        if (!descriptions.isEmpty() && !descriptions.containsKey("en")) {
            throw new IllegalArgumentException("indicator " + id + " has descriptions but none in en");
        }
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(perspective, "perspective");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(aggregation, "aggregation");
        windows = Set.copyOf(windows);
        subjects = Set.copyOf(subjects);
        targets = List.copyOf(targets);
        if (windows.isEmpty() || subjects.isEmpty()) {
            throw new IllegalArgumentException("indicator " + id + " needs at least one window and one subject");
        }
        if (subjects.contains(SubjectType.SERVED_DEPARTMENT) && !servesBusiness(aggregation)) {
            throw new IllegalArgumentException("indicator " + id + " has no served side for SERVED_DEPARTMENT");
        }
        if (scale < 0 || scale > 6) {
            throw new IllegalArgumentException("scale must be 0..6 (ClickHouse keeps 6 decimals), got " + scale);
        }
    }

    /** The English description, the one every indicator that has a description has; empty when none. */
    public String description() {
        return descriptions.getOrDefault("en", "");
    }

    private static boolean servesBusiness(Aggregation aggregation) {
        return aggregation instanceof Aggregation.FollowUp
                || aggregation instanceof Aggregation.During
                || aggregation instanceof Aggregation.PairedDuration pd && pd.servedBy() != null;
    }

    public String name(String language) {
        return names.getOrDefault(language, names.get("en"));
    }
}
