package io.kpipulse.api.indicators;

import io.kpipulse.api.http.Decimals;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.TargetRule;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One catalog entry as JSON, with the target rules in effect on the tenant's today. {@code description} is the
 * English one (as before descriptions had languages); {@code descriptions} has each language the catalog gives.
 */
public record IndicatorView(
        String id,
        Map<String, String> names,
        String description,
        Map<String, String> descriptions,
        String unit,
        String direction,
        String perspective,
        String owner,
        int scale,
        List<String> windows,
        List<String> subjects,
        List<TargetView> currentTargets) {

    public static IndicatorView of(IndicatorDefinition d, LocalDate today) {
        return new IndicatorView(
                d.id(),
                new TreeMap<>(d.names()),
                d.description(),
                new TreeMap<>(d.descriptions()),
                d.unit(),
                d.direction().name(),
                d.perspective().name(),
                d.owner().name(),
                d.scale(),
                d.windows().stream().sorted().map(Enum::name).toList(),
                d.subjects().stream().sorted().map(Enum::name).toList(),
                d.targets().stream()
                        .filter(t -> t.inEffectOn(today))
                        .map(TargetView::of)
                        .toList());
    }

    /** A target rule; null window, subject or department means it applies to any. */
    public record TargetView(
            LocalDate effectiveFrom,
            LocalDate effectiveTo,
            String window,
            String subjectType,
            String departmentId,
            String target,
            String weight,
            String warnAttainment,
            String criticalAttainment) {

        static TargetView of(TargetRule r) {
            return new TargetView(
                    r.effectiveFrom(),
                    r.effectiveTo(),
                    r.windowType() == null ? null : r.windowType().name(),
                    r.subjectType() == null ? null : r.subjectType().name(),
                    r.departmentId(),
                    Decimals.plain(r.target()),
                    Decimals.plain(r.weight()),
                    Decimals.plain(r.warnAttainment()),
                    Decimals.plain(r.criticalAttainment()));
        }
    }
}
