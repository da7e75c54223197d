package io.kpipulse.simulator.truth;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.TargetResolver;
import io.kpipulse.catalog.TargetRule;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventTypes;
import io.kpipulse.simulator.SimEvent;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.truth.Item.Role;
import io.kpipulse.tenants.TenantCalendar;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * The expected indicator values, computed independently of the engine: plain batch Java over the accepted
 * events (valid, deduplicated, not late), implementing {@code catalog/README.md} literally.
 *
 * <p>For every indicator, every subject type it lists and every window type it keeps: one value per calendar
 * window instance that has at least one item, and for rolling windows the instance ending on the tenant's
 * as-of day (the day of its largest accepted event time). Subjects without items have no row.
 */
public final class GroundTruth {

    private record GroupKey(WindowBounds bounds, SubjectType subjectType, String subjectId) {}

    private GroundTruth() {}

    /** Ground truth of a simulation against the template library. */
    public static List<ExpectedValue> compute(SimulationResult result) {
        return compute(
                CatalogYaml.templateLibrary(),
                Simulation.calendars(result.companies()),
                result.accepted().stream().map(SimEvent::event).toList());
    }

    /**
     * @param calendars the registered tenants' calendars; events of other tenants are ignored
     * @param accepted  the accepted events, org-directory events included, in any order; repeated event ids
     *                  count once
     */
    public static List<ExpectedValue> compute(
            IndicatorCatalog catalog, Map<String, TenantCalendar> calendars, List<? extends SpecificRecord> accepted) {
        Map<String, List<SpecificRecord>> byTenant = new TreeMap<>();
        Set<String> seenIds = new java.util.HashSet<>();
        for (SpecificRecord e : accepted) {
            String tenant = EventHeaders.header(e).getTenantId();
            if (calendars.containsKey(tenant)
                    && seenIds.add(tenant + "|" + EventHeaders.header(e).getEventId())) {
                byTenant.computeIfAbsent(tenant, t -> new ArrayList<>()).add(e);
            }
        }
        List<ExpectedValue> out = new ArrayList<>();
        for (Map.Entry<String, List<SpecificRecord>> tenant : byTenant.entrySet()) {
            out.addAll(computeTenant(catalog, tenant.getKey(), calendars.get(tenant.getKey()), tenant.getValue()));
        }
        out.sort(ExpectedValue.ORDER);
        return out;
    }

    private static List<ExpectedValue> computeTenant(
            IndicatorCatalog catalog, String tenantId, TenantCalendar calendar, List<SpecificRecord> events) {
        List<SpecificRecord> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.<SpecificRecord, java.time.Instant>comparing(
                        e -> EventHeaders.header(e).getEventTime())
                .thenComparing(ItemExtractor::eventId));
        Map<String, List<SpecificRecord>> byType = new TreeMap<>();
        for (SpecificRecord e : sorted) {
            byType.computeIfAbsent(EventTypes.of(e.getClass()).name(), k -> new ArrayList<>())
                    .add(e);
        }
        long maxTime = EventHeaders.header(sorted.get(sorted.size() - 1))
                .getEventTime()
                .toEpochMilli();
        LocalDate asOf = calendar.dayOf(maxTime);
        OrgDirectory directory = OrgDirectory.fromEvents(sorted).getOrDefault(tenantId, new OrgDirectory());
        ItemExtractor extractor = new ItemExtractor(byType, directory, calendar, maxTime);
        List<ExpectedValue> out = new ArrayList<>();
        for (IndicatorDefinition indicator : catalog.indicators()) {
            Map<GroupKey, List<Item>> groups =
                    group(indicator, extractor.items(indicator.aggregation()), calendar, directory, asOf);
            for (Map.Entry<GroupKey, List<Item>> g : groups.entrySet()) {
                out.add(value(tenantId, indicator, g.getKey(), g.getValue(), directory));
            }
        }
        return out;
    }

    private static Map<GroupKey, List<Item>> group(
            IndicatorDefinition indicator,
            List<Item> items,
            TenantCalendar calendar,
            OrgDirectory directory,
            LocalDate asOf) {
        Map<GroupKey, List<Item>> groups = new HashMap<>();
        List<WindowType> windows = indicator.windows().stream().sorted().toList();
        for (Item item : items) {
            LocalDate day = calendar.dayOf(item.time());
            Set<String> departments = new LinkedHashSet<>();
            if (item.departmentId() != null) {
                departments.addAll(directory.pathOf(item.departmentId(), item.time()));
            }
            List<String> served = item.servedDepartmentId() == null
                    ? List.of()
                    : directory.pathOf(item.servedDepartmentId(), item.time());
            for (WindowType type : windows) {
                WindowBounds bounds = boundsFor(type, item, day, asOf);
                if (bounds == null) {
                    continue;
                }
                if (indicator.subjects().contains(SubjectType.EMPLOYEE) && item.employeeId() != null) {
                    add(groups, new GroupKey(bounds, SubjectType.EMPLOYEE, item.employeeId()), item);
                }
                if (indicator.subjects().contains(SubjectType.DEPARTMENT)) {
                    departments.forEach(d -> add(groups, new GroupKey(bounds, SubjectType.DEPARTMENT, d), item));
                }
                if (indicator.subjects().contains(SubjectType.SERVED_DEPARTMENT)) {
                    served.forEach(d -> add(groups, new GroupKey(bounds, SubjectType.SERVED_DEPARTMENT, d), item));
                }
            }
        }
        return groups;
    }

    /** The window instance an item counts in; self-report claims count in the window of their reported period. */
    private static WindowBounds boundsFor(WindowType type, Item item, LocalDate day, LocalDate asOf) {
        if (item.role() == Role.CLAIM) {
            return claimBounds(type, item.period());
        }
        if (type.isRolling()) {
            WindowBounds current = type.instanceFor(asOf);
            return current.contains(day) ? current : null;
        }
        return type.instanceFor(day);
    }

    private static WindowBounds claimBounds(WindowType type, String period) {
        if (period == null) {
            return null;
        }
        if (type == WindowType.MONTH_TO_DATE && period.matches("\\d{4}-\\d{2}")) {
            return type.instanceFor(YearMonth.parse(period).atDay(1));
        }
        if (type == WindowType.QUARTER_TO_DATE && period.matches("\\d{4}-Q[1-4]")) {
            int quarter = period.charAt(6) - '0';
            return type.instanceFor(LocalDate.of(Integer.parseInt(period.substring(0, 4)), quarter * 3 - 2, 1));
        }
        return null;
    }

    private static void add(Map<GroupKey, List<Item>> groups, GroupKey key, Item item) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(item);
    }

    private static ExpectedValue value(
            String tenantId, IndicatorDefinition indicator, GroupKey key, List<Item> items, OrgDirectory directory) {
        Computed c = ValueCalculator.compute(indicator.aggregation(), items, indicator.scale());
        Item latest = items.stream().max(Comparator.comparingLong(Item::time)).orElseThrow();
        List<String> path = key.subjectType() == SubjectType.EMPLOYEE
                ? (latest.departmentId() == null ? List.of() : directory.pathOf(latest.departmentId(), latest.time()))
                : directory.pathOf(key.subjectId(), latest.time());
        BigDecimal target = TargetResolver.resolve(indicator.targets(), key.bounds(), key.subjectType(), path)
                .map(TargetRule::target)
                .orElse(null);
        return new ExpectedValue(
                tenantId,
                indicator.id(),
                key.bounds().type(),
                key.bounds().start(),
                key.bounds().end(),
                key.subjectType(),
                key.subjectId(),
                c.value(),
                c.numerator(),
                c.denominator(),
                c.itemCount(),
                target,
                attainment(indicator.direction(), c.value(), target));
    }

    /** value / target (higher is better) or target / value (lower is better), 4 decimals; null without both. */
    static BigDecimal attainment(Direction direction, BigDecimal value, BigDecimal target) {
        if (value == null || target == null) {
            return null;
        }
        BigDecimal num = direction == Direction.HIGHER_IS_BETTER ? value : target;
        BigDecimal den = direction == Direction.HIGHER_IS_BETTER ? target : value;
        return den.signum() == 0 ? null : num.divide(den, 4, RoundingMode.HALF_EVEN);
    }
}
