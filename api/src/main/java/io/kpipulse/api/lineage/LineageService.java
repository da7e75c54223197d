package io.kpipulse.api.lineage;

import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.indicators.WindowView;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.EventSelector;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * "Why is my score X": the raw events of an indicator's source event types inside the window instance,
 * attributed to the subject. This is the candidate set, not a recomputation: selector conditions
 * ({@code where: firstYear == true}) are not re-applied, and events placed by a payload time field or
 * paired across windows (durations) are listed by their header time. See api/README.md.
 */
public final class LineageService {

    private final CatalogService catalog;
    private final LineageReader reader;

    public LineageService(CatalogService catalog, LineageReader reader) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public record LineageResponse(
            String tenant,
            String indicator,
            WindowView window,
            String subjectType,
            String subjectId,
            List<String> eventTypes,
            Instant from,
            Instant to,
            int limit,
            int offset,
            boolean hasMore,
            List<LineageEvent> events) {}

    public LineageResponse lineage(
            Tenant tenant,
            String indicatorId,
            WindowType window,
            LocalDate date,
            SubjectType subjectType,
            String subjectId,
            int limit,
            int offset) {
        IndicatorDefinition indicator = catalog.require(indicatorId);
        CatalogService.requireKept(indicator, window, subjectType);
        WindowBounds bounds = window.instanceFor(date);
        ZoneId zone = tenant.calendar().zone();
        Instant from = bounds.start().atStartOfDay(zone).toInstant();
        Instant to = bounds.end().plusDays(1).atStartOfDay(zone).toInstant();
        List<String> eventTypes = eventTypes(indicator);
        LineageQuery query = new LineageQuery(tenant.id(), eventTypes, from, to, subjectType, subjectId, limit, offset);
        // One row more than asked tells whether another page exists without a count query.
        List<LineageEvent> events = reader.read(query, limit + 1);
        boolean hasMore = events.size() > limit;
        return new LineageResponse(
                tenant.id(),
                indicator.id(),
                WindowView.of(bounds, zone),
                subjectType.name(),
                subjectId,
                eventTypes,
                from,
                to,
                limit,
                offset,
                hasMore,
                hasMore ? events.subList(0, limit) : events);
    }

    static List<String> eventTypes(IndicatorDefinition indicator) {
        return indicator.aggregation().selectors().stream()
                .map(EventSelector::eventType)
                .distinct()
                .sorted()
                .toList();
    }
}
