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
 * A tenant's business calendar: the time zone that defines its days, months and period close, the holidays
 * that are not working days, and the make-up working days (调休): weekend days that are working days because
 * a public holiday was moved next to a weekend (in 2026, Sunday 4 January after New Year, Saturdays 14 and 28
 * February around the Spring Festival). Working days are Monday to Friday minus holidays, plus make-up days.
 */
public final class TenantCalendar implements Serializable {

    // 2: make-up working days; a calendar written before them must not be read back without them.
    private static final long serialVersionUID = 2L;

    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    private final ZoneId zone;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;

    public TenantCalendar(ZoneId zone, Set<LocalDate> holidays) {
        this(zone, holidays, Set.of());
    }

    /**
     * @throws IllegalArgumentException when a make-up working day is not a Saturday or Sunday (a weekday is a
     *     working day already: listing it hides a typo) or is also a holiday
     */
    public TenantCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> makeUpWorkdays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.holidays = Set.copyOf(new TreeSet<>(holidays));
        this.makeUpWorkdays = Set.copyOf(new TreeSet<>(makeUpWorkdays));
        for (LocalDate day : this.makeUpWorkdays) {
            if (!isWeekend(day)) {
                throw new IllegalArgumentException(
                        "make-up working day " + day + " is a " + day.getDayOfWeek() + ", not a weekend day");
            }
            if (this.holidays.contains(day)) {
                throw new IllegalArgumentException(day + " is listed both as a holiday and as a make-up working day");
            }
        }
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

    /** Weekend days that are working days (调休). */
    public Set<LocalDate> makeUpWorkdays() {
        return makeUpWorkdays;
    }

    public LocalDate dayOf(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    public LocalDate dayOf(long epochMillis) {
        return dayOf(Instant.ofEpochMilli(epochMillis));
    }

    public boolean isWorkingDay(LocalDate day) {
        return isWeekend(day) ? makeUpWorkdays.contains(day) : !holidays.contains(day);
    }

    private static boolean isWeekend(LocalDate day) {
        DayOfWeek dow = day.getDayOfWeek();
        return dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY;
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
        return o instanceof TenantCalendar other
                && zone.equals(other.zone)
                && holidays.equals(other.holidays)
                && makeUpWorkdays.equals(other.makeUpWorkdays);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, holidays, makeUpWorkdays);
    }

    @Override
    public String toString() {
        return zone + " with " + holidays.size() + " holidays and " + makeUpWorkdays.size() + " make-up working days";
    }
}
