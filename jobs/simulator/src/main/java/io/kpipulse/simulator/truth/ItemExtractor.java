package io.kpipulse.simulator.truth;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.Aggregation.During;
import io.kpipulse.catalog.Aggregation.FollowUp;
import io.kpipulse.catalog.Aggregation.Measure;
import io.kpipulse.catalog.Aggregation.MeasureKind;
import io.kpipulse.catalog.Aggregation.PairedDuration;
import io.kpipulse.catalog.Aggregation.Ratio;
import io.kpipulse.catalog.Aggregation.Retention;
import io.kpipulse.catalog.Aggregation.SelfReportComparison;
import io.kpipulse.catalog.Aggregation.Share;
import io.kpipulse.catalog.EventSelector;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.simulator.truth.Item.Role;
import io.kpipulse.tenants.TenantCalendar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns one tenant's accepted events into the items of one aggregation, following the catalog README
 * literally. Plain batch code: every join is done over the whole event set, nothing incremental.
 */
final class ItemExtractor {

    private final Map<String, List<SpecificRecord>> eventsByType;
    private final OrgDirectory directory;
    private final TenantCalendar calendar;
    private final long maxEventTime;

    /**
     * @param eventsByType the tenant's accepted events by type name, each list sorted by event time then event id
     * @param maxEventTime the tenant's largest accepted event time (decides retention horizons)
     */
    ItemExtractor(
            Map<String, List<SpecificRecord>> eventsByType,
            OrgDirectory directory,
            TenantCalendar calendar,
            long maxEventTime) {
        this.eventsByType = eventsByType;
        this.directory = directory;
        this.calendar = calendar;
        this.maxEventTime = maxEventTime;
    }

    List<Item> items(Aggregation aggregation) {
        List<Item> out = new ArrayList<>();
        if (aggregation instanceof Measure m) {
            measureItems(m, Role.MEASURE, out);
        } else if (aggregation instanceof Ratio r) {
            measureItems(r.numerator(), Role.NUMERATOR, out);
            measureItems(r.denominator(), Role.DENOMINATOR, out);
        } else if (aggregation instanceof Share s) {
            for (SpecificRecord e : selected(s.source())) {
                Role role = Fields.matches(e, s.condition()) ? Role.MET : Role.UNMET;
                out.add(placed(s.source(), e, role, BigDecimal.ONE, null));
            }
        } else if (aggregation instanceof PairedDuration d) {
            durationItems(d, out);
        } else if (aggregation instanceof FollowUp f) {
            followUpItems(f, out);
        } else if (aggregation instanceof Retention r) {
            retentionItems(r, out);
        } else if (aggregation instanceof During d) {
            duringItems(d, out);
        } else if (aggregation instanceof SelfReportComparison s) {
            measureItems(s.system(), Role.MEASURE, out);
            EventSelector reports = EventSelector.of(Aggregation.SELF_REPORT_EVENT);
            for (SpecificRecord e : selected(reports)) {
                if (s.metric().equals(Fields.text(e, "metric"))) {
                    Item base = placed(reports, e, Role.CLAIM, Fields.number(e, "claimedCount"), null);
                    out.add(new Item(
                            Role.CLAIM,
                            base.time(),
                            base.employeeId(),
                            base.departmentId(),
                            null,
                            base.value(),
                            null,
                            Fields.text(e, "period")));
                }
            }
        } else {
            throw new IllegalArgumentException("unsupported aggregation " + aggregation);
        }
        return out;
    }

    private void measureItems(Measure m, Role role, List<Item> out) {
        for (SpecificRecord e : selected(m.source())) {
            BigDecimal value;
            String other = null;
            if (m.kind() == MeasureKind.COUNT) {
                value = BigDecimal.ONE;
            } else if (m.kind() == MeasureKind.DISTINCT_COUNT) {
                Object v = Fields.value(e, m.valueField());
                if (v == null) {
                    continue;
                }
                value = BigDecimal.ONE;
                other = v.toString();
            } else if (!m.valueMap().isEmpty()) {
                value = m.valueMap().get(Fields.text(e, m.valueField()));
                if (value == null) {
                    continue; // symbols without points are skipped
                }
            } else {
                value = Fields.number(e, m.valueField());
                if (value == null) {
                    continue;
                }
            }
            if (m.kind() == MeasureKind.LAST) {
                other = eventId(e);
            }
            out.add(placed(m.source(), e, role, value, other));
        }
    }

    private void durationItems(PairedDuration d, List<Item> out) {
        if (d.withinOneEvent()) {
            for (SpecificRecord e : selected(d.start())) {
                if (!Fields.matches(e, d.end().where())) {
                    continue;
                }
                out.add(durationItem(d, e, e));
            }
            return;
        }
        Map<String, SpecificRecord> starts = firstByKey(d.start());
        Map<String, SpecificRecord> ends = firstByKey(d.end());
        for (Map.Entry<String, SpecificRecord> start : starts.entrySet()) {
            SpecificRecord end = ends.get(start.getKey());
            if (end != null) {
                out.add(durationItem(d, start.getValue(), end));
            }
        }
    }

    private Item durationItem(PairedDuration d, SpecificRecord startEvent, SpecificRecord endEvent) {
        long start = Fields.time(startEvent, d.start().timeField());
        long end = Fields.time(endEvent, d.end().timeField());
        long millis = d.calendar() == Aggregation.DayCalendar.WORKING_DAYS
                ? calendar.workingMillisBetween(start, end)
                : end - start;
        boolean attributeToStart = d.attributeTo() == Aggregation.Side.START;
        EventSelector side = attributeToStart ? d.start() : d.end();
        SpecificRecord sideEvent = attributeToStart ? startEvent : endEvent;
        String employee = employeeOf(side, sideEvent);
        String department = departmentOf(side, sideEvent, employee, end);
        String served = null;
        if (d.servedBy() != null) {
            boolean servedByStart = d.servedBy() == Aggregation.Side.START;
            EventSelector servedSide = servedByStart ? d.start() : d.end();
            SpecificRecord servedEvent = servedByStart ? startEvent : endEvent;
            served = servedDepartmentOf(servedSide, servedEvent, end);
        }
        return new Item(Role.DURATION, end, employee, department, served, BigDecimal.valueOf(millis), null, null);
    }

    private void followUpItems(FollowUp f, List<Item> out) {
        Map<String, List<SpecificRecord>> anchors = allByKey(f.anchor());
        EventSelector follow = f.follow().source();
        long within = f.within().toMillis();
        for (SpecificRecord e : selected(follow)) {
            String key = Fields.text(e, follow.keyField());
            long t = Fields.time(e, follow.timeField());
            BigDecimal value = additiveValue(f.follow(), e);
            if (key == null || value == null) {
                continue;
            }
            for (SpecificRecord anchor : anchors.getOrDefault(key, List.of())) {
                long a = Fields.time(anchor, f.anchor().timeField());
                if (a <= t && t < a + within) {
                    String employee = employeeOf(f.anchor(), anchor);
                    out.add(new Item(
                            Role.MEASURE,
                            t,
                            employee,
                            departmentOf(f.anchor(), anchor, employee, t),
                            servedDepartmentOf(follow, e, t),
                            value,
                            null,
                            null));
                }
            }
        }
    }

    /** One interval of a key, for the departments its opening event names. */
    private record Interval(String key, long start, long end, SpecificRecord opening) {}

    private void duringItems(During d, List<Item> out) {
        Map<String, List<Interval>> byDepartment = new TreeMap<>();
        for (Interval interval : intervals(d)) {
            for (String department : affected(interval.opening(), d.affectedField())) {
                byDepartment.computeIfAbsent(department, k -> new ArrayList<>()).add(interval);
            }
        }
        EventSelector measured = d.measure().source();
        for (SpecificRecord e : selected(measured)) {
            long t = Fields.time(e, measured.timeField());
            String department = departmentOf(measured, e, employeeOf(measured, e), t);
            BigDecimal value = additiveValue(d.measure(), e);
            Interval first = null;
            for (Interval i : byDepartment.getOrDefault(department, List.of())) {
                boolean inside = i.start() <= t && t < i.end();
                if (inside
                        && (first == null
                                || i.start() < first.start()
                                || i.start() == first.start() && i.key().compareTo(first.key()) < 0)) {
                    first = i;
                }
            }
            if (first != null && value != null) {
                String owner = employeeOf(d.open(), first.opening());
                out.add(new Item(
                        Role.MEASURE,
                        t,
                        owner,
                        departmentOf(d.open(), first.opening(), owner, t),
                        department,
                        value,
                        null,
                        null));
            }
        }
    }

    /**
     * Every key's intervals: an opening starts one unless the key's current one started less than maxOpen
     * before; each ends at its key's first closing in [start, start + maxOpen), else at start + maxOpen.
     */
    private List<Interval> intervals(During d) {
        long maxOpen = d.maxOpen().toMillis();
        Map<String, List<SpecificRecord>> closings = allByKey(d.close());
        List<Interval> out = new ArrayList<>();
        for (Map.Entry<String, List<SpecificRecord>> key : allByKey(d.open()).entrySet()) {
            Long start = null;
            for (SpecificRecord opening : key.getValue()) { // by time, then event id
                long t = Fields.time(opening, d.open().timeField());
                if (start != null && t < start + maxOpen) {
                    continue;
                }
                start = t;
                long end = t + maxOpen;
                for (SpecificRecord closing : closings.getOrDefault(key.getKey(), List.of())) {
                    long c = Fields.time(closing, d.close().timeField());
                    if (c >= t && c < end) {
                        end = c;
                    }
                }
                out.add(new Interval(key.getKey(), t, end, opening));
            }
        }
        return out;
    }

    /** The department ids a field names: a list of them or a single one. */
    private static Set<String> affected(SpecificRecord opening, String field) {
        Object named = Fields.value(opening, field);
        Set<String> out = new LinkedHashSet<>();
        if (named instanceof Collection<?> list) {
            list.stream().filter(Objects::nonNull).forEach(x -> out.add(x.toString()));
        } else if (named != null) {
            out.add(named.toString());
        }
        return out;
    }

    /** A count's 1, or a sum's value field (null when the event has none). */
    private static BigDecimal additiveValue(Measure m, SpecificRecord e) {
        return m.kind() == MeasureKind.COUNT ? BigDecimal.ONE : Fields.number(e, m.valueField());
    }

    private void retentionItems(Retention r, List<Item> out) {
        Map<String, List<SpecificRecord>> exits = allByKey(r.exit());
        long horizon = r.horizon().toMillis();
        for (SpecificRecord anchor : selected(r.anchor())) {
            String key = Fields.text(anchor, r.anchor().keyField());
            long a = Fields.time(anchor, r.anchor().timeField());
            Long exitAt = null;
            for (SpecificRecord exit : exits.getOrDefault(key, List.of())) {
                long x = Fields.time(exit, r.exit().timeField());
                if (x > a && x <= a + horizon && (exitAt == null || x < exitAt)) {
                    exitAt = x;
                }
            }
            long decidedAt;
            Role role;
            if (exitAt != null) {
                decidedAt = exitAt;
                role = Role.UNMET;
            } else if (a + horizon <= maxEventTime) {
                decidedAt = a + horizon;
                role = Role.MET;
            } else {
                continue; // not decided yet
            }
            String employee = employeeOf(r.anchor(), anchor);
            out.add(new Item(
                    role,
                    decidedAt,
                    employee,
                    departmentOf(r.anchor(), anchor, employee, decidedAt),
                    null,
                    BigDecimal.ONE,
                    null,
                    null));
        }
    }

    /** An item placed by its own selector: time, employee and department of the event itself. */
    private Item placed(EventSelector s, SpecificRecord e, Role role, BigDecimal value, String other) {
        long t = Fields.time(e, s.timeField());
        String employee = employeeOf(s, e);
        return new Item(role, t, employee, departmentOf(s, e, employee, t), null, value, other, null);
    }

    private List<SpecificRecord> selected(EventSelector s) {
        List<SpecificRecord> out = new ArrayList<>();
        for (SpecificRecord e : eventsByType.getOrDefault(s.eventType(), List.of())) {
            if (Fields.matches(e, s.where())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The first event of every key by the selector's time (ties: smaller event id); later ones are ignored. */
    private Map<String, SpecificRecord> firstByKey(EventSelector s) {
        Map<String, SpecificRecord> first = new TreeMap<>();
        Comparator<SpecificRecord> order = Comparator.<SpecificRecord>comparingLong(e -> Fields.time(e, s.timeField()))
                .thenComparing(ItemExtractor::eventId);
        for (SpecificRecord e : selected(s)) {
            String key = Fields.text(e, s.keyField());
            if (key != null) {
                first.merge(key, e, (a, b) -> order.compare(a, b) <= 0 ? a : b);
            }
        }
        return first;
    }

    private Map<String, List<SpecificRecord>> allByKey(EventSelector s) {
        Map<String, List<SpecificRecord>> byKey = new TreeMap<>();
        for (SpecificRecord e : selected(s)) {
            String key = Fields.text(e, s.keyField());
            if (key != null) {
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(e);
            }
        }
        return byKey;
    }

    private static String employeeOf(EventSelector s, SpecificRecord e) {
        return s.attributesEmployee() ? Fields.text(e, s.employeeField()) : null;
    }

    /** The selector's department field when set, else the employee's department in the directory at {@code at}. */
    private String departmentOf(EventSelector s, SpecificRecord e, String employee, long at) {
        String dept = Fields.text(e, s.departmentField());
        if (dept == null && employee != null) {
            dept = directory.departmentOf(employee, at);
        }
        return dept;
    }

    private String servedDepartmentOf(EventSelector s, SpecificRecord e, long at) {
        String served = Fields.text(e, s.servedDepartmentField());
        return served != null ? served : departmentOf(s, e, employeeOf(s, e), at);
    }

    static String eventId(SpecificRecord e) {
        return EventHeaders.header(e).getEventId().toString();
    }
}
