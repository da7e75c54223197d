package io.kpipulse.api.indicators;

import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/** Indicator values for dashboards and rankings, and an employee's (or department's) own scorecard. */
public final class ValuesService {

    private final CatalogService catalog;
    private final IndicatorValueReader reader;

    public ValuesService(CatalogService catalog, IndicatorValueReader reader) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public record ValuesResponse(
            String tenant,
            String indicator,
            String unit,
            String direction,
            WindowView window,
            String subjectType,
            List<ValueView> values) {}

    public record ScorecardEntry(
            String indicator,
            Map<String, String> names,
            String unit,
            String direction,
            String perspective,
            ValueView value) {}

    public record ScorecardResponse(
            String tenant, String subjectType, String subjectId, WindowView window, List<ScorecardEntry> indicators) {}

    /**
     * The window instance containing {@code date} (for rolling windows: the instance ending on it), for one
     * subject or every subject of the type, ranked best first among the subjects the caller may see
     * ({@code visible}, the caller's scope), so a rank never reveals how many hidden subjects did better.
     */
    public ValuesResponse values(
            Tenant tenant,
            String indicatorId,
            WindowType window,
            LocalDate date,
            SubjectType subjectType,
            String subjectId,
            Predicate<String> visible) {
        IndicatorDefinition indicator = catalog.require(indicatorId);
        CatalogService.requireKept(indicator, window, subjectType);
        WindowBounds bounds = window.instanceFor(date);
        List<IndicatorValue> rows =
                reader
                        .read(new ValueSelection(tenant.id(), List.of(indicator.id()), bounds, subjectType, subjectId))
                        .stream()
                        .filter(v -> visible.test(v.subjectId()))
                        .toList();
        List<ValueView> views = Ranking.rank(rows, indicator.direction()).stream()
                .map(r -> ValueView.of(r.rank(), r.value(), indicator.scale()))
                .toList();
        return new ValuesResponse(
                tenant.id(),
                indicator.id(),
                indicator.unit(),
                indicator.direction().name(),
                WindowView.of(bounds, tenant.calendar().zone()),
                subjectType.name(),
                views);
    }

    /**
     * Every indicator kept per month for this subject type, with the subject's month-to-date value, or a
     * null value when nothing has been counted for it yet this month.
     */
    public ScorecardResponse scorecard(Tenant tenant, SubjectType subjectType, String subjectId, LocalDate date) {
        WindowBounds month = WindowType.MONTH_TO_DATE.instanceFor(date);
        List<IndicatorDefinition> indicators = catalog.indicators().stream()
                .filter(d -> d.windows().contains(WindowType.MONTH_TO_DATE)
                        && d.subjects().contains(subjectType))
                .toList();
        Map<String, IndicatorValue> byIndicator = new LinkedHashMap<>();
        if (!indicators.isEmpty()) {
            List<String> ids = indicators.stream().map(IndicatorDefinition::id).toList();
            for (IndicatorValue v : reader.read(new ValueSelection(tenant.id(), ids, month, subjectType, subjectId))) {
                byIndicator.put(v.indicatorId(), v);
            }
        }
        List<ScorecardEntry> entries = indicators.stream()
                .map(d -> new ScorecardEntry(
                        d.id(),
                        new java.util.TreeMap<>(d.names()),
                        d.unit(),
                        d.direction().name(),
                        d.perspective().name(),
                        byIndicator.containsKey(d.id())
                                ? ValueView.of(null, byIndicator.get(d.id()), d.scale())
                                : null))
                .toList();
        return new ScorecardResponse(
                tenant.id(),
                subjectType.name(),
                subjectId,
                WindowView.of(month, tenant.calendar().zone()),
                entries);
    }
}
