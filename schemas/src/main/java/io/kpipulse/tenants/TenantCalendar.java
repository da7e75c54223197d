package io.kpipulse.tenants;

import java.io.Serializable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A tenant's business calendar: the time zone that defines its days, months and period close, and the
 * holidays that are not working days. Working days are Monday to Friday minus holidays.
 */
public final class TenantCalendar implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;
    private final Set<LocalDate> holidays;

    public TenantCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Set.copyOf(new TreeSet<>(holidays));
    }

    public static TenantCalendar defaults() {
        return new TenantCalendar(DEFAULT_ZONE, Set.of());
    }

    public ZoneId zone() {
        return zone;
    }

    public Set<LocalDate> holidays() {
        return holidays;
    }

    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    public LocalDate dayOf(long epochMillis) {
        return dayOf(Instant.ofEpochMilli(epochMillis));
    }

    public boolean isWorkingDay(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow != DayOfWeek.SATURDAY && dow != DayOfWeek.SUNDAY && !holidays.contains(day);
    }

    /**
     * Milliseconds of working-day time between two instants, negative when {@code to} is before
     * {@code from}. Time on a non-working day does not count, whatever the hour.
     */
    public long workingMillisBetween(long fromMillis, long toMillis) {
        if (toMillis < fromMillis) {
            return -workingMillisBetween(toMillis, fromMillis);
        }
        long total = 0;
        ZonedDateTime cursor = Instant.ofEpochMilli(fromMillis).atZone(zone);
        while (cursor.toInstant().toEpochMilli() < toMillis) {
            LocalDate day = cursor.toLocalDate();
            long nextMidnight = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            long segmentEnd = Math.min(nextMidnight, toMillis);
            if (isWorkingDay(day)) {
                total += segmentEnd - cursor.toInstant().toEpochMilli();
            }
            cursor = Instant.ofEpochMilli(segmentEnd).atZone(zone);
        }
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantCalendar other && zone.equals(other.zone) && holidays.equals(other.holidays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, holidays);
    }

    @Override
    public String toString() {
        return zone + " with " + holidays.size() + " holidays";
    }
}
