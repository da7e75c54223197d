package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Aggregation.MeasureKind;
import io.kpipulse.catalog.EventSelector;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventType;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.selfreport.SelfReportSubmitted;
import io.kpipulse.tenants.TenantCalendar;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns one accepted event into the items and partial items of every indicator that reads it, as
 * defined in {@code catalog/README.md}. Pure and deterministic: no state, no clock. Compiled once per
 * catalog version; the routes per event type are built when the catalog is.
 */
public final class ItemDeriver implements Serializable {

    private static final long serialVersionUID = 1L;

    private final IndicatorCatalog catalog;
    private final Map<String, List<Route>> routesByEventType = new HashMap<>();

    public ItemDeriver(IndicatorCatalog catalog) {
        this.catalog = catalog;
        for (IndicatorDefinition d : catalog.indicators()) {
            addRoutes(d);
        }
    }

    public IndicatorCatalog catalog() {
        return catalog;
    }

    /** Whether any indicator reads this event type. */
    public boolean reads(String eventType) {
        return routesByEventType.containsKey(eventType);
    }

    public Derivation derive(EventType type, SpecificRecord event, OrgView org, TenantCalendar calendar) {
        Derivation out = new Derivation();
        List<Route> routes = routesByEventType.get(type.name());
        if (routes == null) {
            return out;
        }
        EventHeader header = EventHeaders.header(event);
        String eventId = header.getEventId().toString();
        for (Route route : routes) {
            route.apply(header.getTenantId(), eventId, event, org, calendar, out);
        }
        return out;
    }

    private void addRoutes(IndicatorDefinition d) {
        Aggregation a = d.aggregation();
        if (a instanceof Measure m) {
            route(d, m.source(), new MeasureRoute(d.id(), ItemPart.VALUE, m));
        } else if (a instanceof Aggregation.Ratio r) {
            route(d, r.numerator().source(), new MeasureRoute(d.id(), ItemPart.NUMERATOR, r.numerator()));
            route(d, r.denominator().source(), new MeasureRoute(d.id(), ItemPart.DENOMINATOR, r.denominator()));
        } else if (a instanceof Aggregation.Share s) {
            route(d, s.source(), new ShareRoute(d.id(), s));
        } else if (a instanceof Aggregation.PairedDuration p) {
            if (p.withinOneEvent()) {
                route(d, p.start(), new SingleEventDurationRoute(d.id(), p));
            } else {
                route(d, p.start(), new PartialRoute(d.id(), Role.DURATION_START, null));
                route(d, p.end(), new PartialRoute(d.id(), Role.DURATION_END, null));
            }
        } else if (a instanceof Aggregation.FollowUp f) {
            route(d, f.anchor(), new PartialRoute(d.id(), Role.FOLLOW_ANCHOR, null));
            route(d, f.follow().source(), new PartialRoute(d.id(), Role.FOLLOW_EVENT, f.follow()));
        } else if (a instanceof Aggregation.Retention r) {
            route(d, r.anchor(), new PartialRoute(d.id(), Role.RETENTION_ANCHOR, null));
            route(d, r.exit(), new PartialRoute(d.id(), Role.RETENTION_EXIT, null));
        } else if (a instanceof Aggregation.SelfReportComparison c) {
            route(d, c.system().source(), new MeasureRoute(d.id(), ItemPart.NUMERATOR, c.system()));
            route(d, EventSelector.of(Aggregation.SELF_REPORT_EVENT), new SelfReportClaimRoute(d.id(), c.metric()));
        } else if (a instanceof Aggregation.During w) {
            route(d, w.open(), new IntervalOpenRoute(d.id(), w.affectedField()));
            route(d, w.close(), new PartialRoute(d.id(), Role.INTERVAL_CLOSE, null));
            route(d, w.measure().source(), new MeasuredRoute(d.id(), w.measure()));
        }
    }

    private void route(IndicatorDefinition d, EventSelector selector, Route route) {
        EventType type = EventTypes.byName(selector.eventType())
                .orElseThrow(
                        () -> new IllegalArgumentException(d.id() + ": unknown event type " + selector.eventType()));
        route.bind(new BoundSelector(selector, type.schema()));
        routesByEventType.computeIfAbsent(type.name(), k -> new ArrayList<>()).add(route);
    }

    /** Where an event is credited, per the selector: its employee, its department (or the employee's), the served side. */
    static Attribution attribute(
            BoundSelector s, SpecificRecord event, String tenant, long time, OrgView org, boolean withServed) {
        return resolve(
                org,
                tenant,
                time,
                s.employee(event),
                s.department(event),
                withServed ? s.servedDepartment(event) : null,
                withServed);
    }

    /**
     * Attribution with the org tree at {@code time}: the named department, else the employee's department
     * then; the served department, else that department; each with its ancestors.
     */
    public static Attribution resolve(
            OrgView org,
            String tenant,
            long time,
            String employee,
            String departmentId,
            String servedDepartmentId,
            boolean withServed) {
        String department = departmentOf(org, tenant, time, employee, departmentId);
        List<String> served = List.of();
        if (withServed) {
            served = pathOrSelf(org, tenant, servedDepartmentId != null ? servedDepartmentId : department, time);
        }
        return new Attribution(employee, pathOrSelf(org, tenant, department, time), served);
    }

    /** The named department, else the employee's department at {@code time}; null when neither is known. */
    static String departmentOf(OrgView org, String tenant, long time, String employee, String departmentId) {
        if (departmentId == null && employee != null) {
            return org.departmentOf(tenant, employee, time);
        }
        return departmentId;
    }

    private static List<String> pathOrSelf(OrgView org, String tenant, String department, long time) {
        if (department == null) {
            return List.of();
        }
        List<String> path = org.pathOf(tenant, department, time);
        return path.isEmpty() ? List.of(department) : path;
    }

    /** The measure's value field compiled for its event type, or null for counts. */
    private static FieldPath valueField(Measure measure) {
        return measure.valueField() == null
                ? null
                : FieldPath.compile(
                        EventTypes.byName(measure.source().eventType())
                                .orElseThrow()
                                .schema(),
                        measure.valueField());
    }

    /** One way an event feeds one indicator. */
    private abstract static class Route implements Serializable {
        private static final long serialVersionUID = 1L;
        final String indicatorId;
        BoundSelector selector;

        Route(String indicatorId) {
            this.indicatorId = indicatorId;
        }

        void bind(BoundSelector bound) {
            this.selector = bound;
        }

        final void apply(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out) {
            if (selector.matches(event)) {
                emit(tenant, eventId, event, org, calendar, out);
            }
        }

        abstract void emit(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out);

        Item item(
                String tenant,
                long time,
                TenantCalendar calendar,
                Attribution who,
                ItemPart part,
                BigDecimal amount,
                long duration,
                boolean flag,
                String text,
                String eventId) {
            return new Item(
                    tenant,
                    indicatorId,
                    time,
                    calendar.dayOf(time).toEpochDay(),
                    who,
                    part,
                    amount,
                    duration,
                    flag,
                    text,
                    eventId);
        }
    }

    private static final class MeasureRoute extends Route {
        private static final long serialVersionUID = 1L;
        private final ItemPart part;
        private final Measure measure;
        private FieldPath value;

        MeasureRoute(String indicatorId, ItemPart part, Measure measure) {
            super(indicatorId);
            this.part = part;
            this.measure = measure;
        }

        @Override
        void bind(BoundSelector bound) {
            super.bind(bound);
            value = valueField(measure);
        }

        @Override
        void emit(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out) {
            long time = selector.time(event);
            BigDecimal amount = BigDecimal.ONE;
            String text = null;
            if (measure.kind() == MeasureKind.DISTINCT_COUNT) {
                text = value.readString(event);
                if (text == null) {
                    return;
                }
            } else if (measure.kind() != MeasureKind.COUNT) {
                amount = valueOf(event);
                if (amount == null) {
                    return;
                }
            }
            Attribution who = attribute(selector, event, tenant, time, org, false);
            out.add(item(tenant, time, calendar, who, part, amount, 0, false, text, eventId));
        }

        private BigDecimal valueOf(SpecificRecord event) {
            if (!measure.valueMap().isEmpty()) {
                // Symbols without points are skipped (catalog README: measures with points).
                String symbol = value.readString(event);
                return symbol == null ? null : measure.valueMap().get(symbol);
            }
            return NumericValues.toDecimal(value.read(event));
        }
    }

    private static final class ShareRoute extends Route {
        private static final long serialVersionUID = 1L;
        private final Aggregation.Share share;
        private transient List<CompiledCondition> condition;

        ShareRoute(String indicatorId, Aggregation.Share share) {
            super(indicatorId);
            this.share = share;
        }

        @Override
        void emit(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out) {
            if (condition == null) {
                condition = new ArrayList<>();
                share.condition().conditions().forEach(c -> condition.add(new CompiledCondition(event.getSchema(), c)));
            }
            boolean met = condition.stream().allMatch(c -> c.test(event));
            long time = selector.time(event);
            Attribution who = attribute(selector, event, tenant, time, org, false);
            out.add(item(tenant, time, calendar, who, ItemPart.OUTCOME, BigDecimal.ONE, 0, met, null, eventId));
        }
    }

    private static final class SingleEventDurationRoute extends Route {
        private static final long serialVersionUID = 1L;
        private final Aggregation.PairedDuration duration;
        private BoundSelector end;

        SingleEventDurationRoute(String indicatorId, Aggregation.PairedDuration duration) {
            super(indicatorId);
            this.duration = duration;
        }

        @Override
        void bind(BoundSelector bound) {
            super.bind(bound);
            end = new BoundSelector(
                    duration.end(),
                    EventTypes.byName(duration.end().eventType()).orElseThrow().schema());
        }

        @Override
        void emit(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out) {
            if (!end.matches(event)) {
                return;
            }
            long start = selector.time(event);
            long finish = end.time(event);
            long millis = Durations.measure(duration, start, finish, calendar);
            BoundSelector side = duration.attributeTo() == Aggregation.Side.START ? selector : end;
            Attribution who = attribute(side, event, tenant, finish, org, duration.servedBy() != null);
            out.add(item(
                    tenant,
                    finish,
                    calendar,
                    who,
                    ItemPart.DURATION,
                    null,
                    millis,
                    Durations.within(duration, millis),
                    null,
                    eventId));
        }
    }

    private static class PartialRoute extends Route {
        private static final long serialVersionUID = 1L;
        private final Role role;
        private final Measure amountMeasure;
        private FieldPath value;

        PartialRoute(String indicatorId, Role role, Measure amountMeasure) {
            super(indicatorId);
            this.role = role;
            this.amountMeasure = amountMeasure;
        }

        @Override
        void bind(BoundSelector bound) {
            super.bind(bound);
            value = amountMeasure == null ? null : valueField(amountMeasure);
        }

        @Override
        void emit(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out) {
            long time = selector.time(event);
            String key = correlationKey(event, tenant, time, org);
            if (key == null) {
                return;
            }
            BigDecimal amount = BigDecimal.ONE;
            if (value != null) {
                amount = NumericValues.toDecimal(value.read(event));
                if (amount == null) {
                    return;
                }
            }
            long eventTime = EventHeaders.header(event).getEventTime().toEpochMilli();
            for (String served : servedDepartments(event)) {
                out.add(new Partial(
                        tenant,
                        indicatorId,
                        key,
                        role,
                        time,
                        eventTime,
                        eventId,
                        selector.employee(event),
                        selector.department(event),
                        served,
                        amount));
            }
        }

        /** The key under which the side meets its partners. */
        String correlationKey(SpecificRecord event, String tenant, long time, OrgView org) {
            return selector.key(event);
        }

        /** One side per served department the event names. */
        List<String> servedDepartments(SpecificRecord event) {
            return Collections.singletonList(selector.servedDepartment(event));
        }
    }

    /**
     * An interval's opening event, once per department it affects: only the department's own key can
     * learn of the interval. Naming none, it still opens its key (so it hides later openings), for no one.
     */
    private static final class IntervalOpenRoute extends PartialRoute {
        private static final long serialVersionUID = 1L;
        private final String affectedField;
        private FieldPath affected;

        IntervalOpenRoute(String indicatorId, String affectedField) {
            super(indicatorId, Role.INTERVAL_OPEN, null);
            this.affectedField = affectedField;
        }

        @Override
        void bind(BoundSelector bound) {
            super.bind(bound);
            affected = FieldPath.compile(
                    EventTypes.byName(bound.selector().eventType())
                            .orElseThrow()
                            .schema(),
                    affectedField);
        }

        @Override
        List<String> servedDepartments(SpecificRecord event) {
            Object named = affected.read(event);
            Set<String> departments = new LinkedHashSet<>();
            if (named instanceof Collection<?> list) {
                list.stream().filter(Objects::nonNull).forEach(d -> departments.add(d.toString()));
            } else if (named != null) {
                departments.add(named.toString());
            }
            return departments.isEmpty() ? Collections.singletonList(null) : List.copyOf(departments);
        }
    }

    /** A measured event, keyed by its department: the key where the intervals affecting it are. */
    private static final class MeasuredRoute extends PartialRoute {
        private static final long serialVersionUID = 1L;

        MeasuredRoute(String indicatorId, Measure measure) {
            super(indicatorId, Role.INTERVAL_MEASURE, measure);
        }

        @Override
        String correlationKey(SpecificRecord event, String tenant, long time, OrgView org) {
            return departmentOf(org, tenant, time, selector.employee(event), selector.department(event));
        }
    }

    private static final class SelfReportClaimRoute extends Route {
        private static final long serialVersionUID = 1L;
        private final String metric;

        SelfReportClaimRoute(String indicatorId, String metric) {
            super(indicatorId);
            this.metric = metric;
        }

        @Override
        void emit(
                String tenant,
                String eventId,
                SpecificRecord event,
                OrgView org,
                TenantCalendar calendar,
                Derivation out) {
            SelfReportSubmitted report = (SelfReportSubmitted) event;
            if (!metric.equals(report.getMetric())) {
                return;
            }
            LocalDate periodStart;
            try {
                periodStart = YearMonth.parse(report.getPeriod()).atDay(1);
            } catch (java.time.format.DateTimeParseException e) {
                return; // Only monthly self-reports are compared; other periods have no window to meet.
            }
            long time = periodStart.atStartOfDay(calendar.zone()).toInstant().toEpochMilli();
            // Credited to the reporting employee's department when the report was made.
            long reportedAt = selector.time(event);
            String employee = report.getEmployeeId();
            String department = org.departmentOf(tenant, employee, reportedAt);
            Attribution who = new Attribution(employee, pathOrSelf(org, tenant, department, reportedAt), List.of());
            out.add(item(
                    tenant,
                    time,
                    calendar,
                    who,
                    ItemPart.CLAIM,
                    BigDecimal.valueOf(report.getClaimedCount()),
                    0,
                    false,
                    null,
                    eventId));
        }
    }
}
