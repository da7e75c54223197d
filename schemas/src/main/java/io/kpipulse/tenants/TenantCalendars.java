package io.kpipulse.tenants;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every tenant's calendar through time: the calendar of the tenants file, changed year by year by the
 * {@link CalendarVersion}s published since. The calendar in force at an instant has, for each year, the days
 * of the highest-numbered version of that year effective at that instant, or the file's days of that year
 * when none is; the zone is always the file's. So a calendar at an instant depends only on the versions and
 * the instant, never on when a version reached the engine: a replay that holds the same versions decides
 * every working-day duration as the live run did.
 *
 * <p>Immutable: {@link #with} returns a new book. The calendars in force are built once per effective
 * instant, and a tenant without versions answers with its file calendar directly.
 */
public final class TenantCalendars implements Serializable {

    private static final long serialVersionUID = 1L;

    private final Map<String, TenantCalendar> files;
    private final Map<String, List<CalendarVersion>> versions;
    /** Per tenant with versions: effective instant (epoch ms) → the calendar in force from then on. */
    private final Map<String, NavigableMap<Long, TenantCalendar>> inForce;

    private TenantCalendars(Map<String, TenantCalendar> files, Map<String, List<CalendarVersion>> versions) {
        this.files = files;
        this.versions = versions;
        this.inForce = new HashMap<>();
        versions.forEach((tenant, list) -> inForce.put(tenant, timeline(files.get(tenant), list)));
    }

    /** The calendars of the tenants file, with no version published yet. */
    public static TenantCalendars of(Map<String, TenantCalendar> files) {
        return new TenantCalendars(new LinkedHashMap<>(files), Map.of());
    }

    /**
     * This book with {@code version} added. A version of a tenant the file does not know is ignored (its
     * events are dead-lettered anyway), and so is a second copy of a (tenant, year, version) already held:
     * the first one published stands.
     */
    public TenantCalendars with(CalendarVersion version) {
        if (!files.containsKey(version.tenantId()) || holds(version)) {
            return this;
        }
        Map<String, List<CalendarVersion>> next = new HashMap<>(versions);
        List<CalendarVersion> list = new ArrayList<>(next.getOrDefault(version.tenantId(), List.of()));
        list.add(version);
        next.put(version.tenantId(), List.copyOf(list));
        return new TenantCalendars(files, next);
    }

    private boolean holds(CalendarVersion version) {
        return versions.getOrDefault(version.tenantId(), List.of()).stream()
                .anyMatch(v -> v.year() == version.year() && v.version() == version.version());
    }

    /** The tenant's calendar in force at {@code epochMillis}, or null for a tenant the file does not know. */
    public TenantCalendar at(String tenantId, long epochMillis) {
        NavigableMap<Long, TenantCalendar> timeline = inForce.get(tenantId);
        if (timeline == null) {
            return files.get(tenantId);
        }
        Map.Entry<Long, TenantCalendar> entry = timeline.floorEntry(epochMillis);
        return entry == null ? files.get(tenantId) : entry.getValue();
    }

    /** Every version held, per tenant in the order they were added. */
    public Collection<CalendarVersion> versions() {
        return versions.values().stream().flatMap(List::stream).toList();
    }

    private static NavigableMap<Long, TenantCalendar> timeline(TenantCalendar file, List<CalendarVersion> list) {
        NavigableMap<Long, TenantCalendar> timeline = new TreeMap<>();
        for (Instant from :
                new TreeSet<>(list.stream().map(CalendarVersion::effectiveFrom).toList())) {
            timeline.put(from.toEpochMilli(), inForceAt(file, list, from));
        }
        return timeline;
    }

    private static TenantCalendar inForceAt(TenantCalendar file, List<CalendarVersion> list, Instant at) {
        Map<Integer, CalendarVersion> newestPerYear = new HashMap<>();
        list.stream()
                .filter(v -> !v.effectiveFrom().isAfter(at))
                .forEach(v -> newestPerYear.merge(
                        v.year(),
                        v,
                        (a, b) -> Comparator.comparingLong(CalendarVersion::version)
                                                .compare(a, b)
                                        >= 0
                                ? a
                                : b));
        Set<LocalDate> holidays = new TreeSet<>();
        Set<LocalDate> workdays = new TreeSet<>();
        file.holidays().stream()
                .filter(d -> !newestPerYear.containsKey(d.getYear()))
                .forEach(holidays::add);
        file.makeUpWorkdays().stream()
                .filter(d -> !newestPerYear.containsKey(d.getYear()))
                .forEach(workdays::add);
        for (CalendarVersion v : newestPerYear.values()) {
            holidays.addAll(v.holidays());
            workdays.addAll(v.makeUpWorkdays());
        }
        return new TenantCalendar(file.zone(), holidays, workdays);
    }
}
