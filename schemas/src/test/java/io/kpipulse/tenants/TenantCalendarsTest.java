package io.kpipulse.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TenantCalendarsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = 3_600_000L;
    private static final String T = "t-acme-life";
    /** The file: 2026 with Labour Day on 1 May; 2027 with New Year's Day. */
    private static final TenantCalendar FILE =
            new TenantCalendar(SHANGHAI, Set.of(LocalDate.of(2026, 5, 1), LocalDate.of(2027, 1, 1)));

    private final TenantCalendars book = TenantCalendars.of(Map.of(T, FILE));

    private static long at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SHANGHAI)
                .toInstant()
                .toEpochMilli();
    }

    private static CalendarVersion version(
            int year, long number, String effective, Set<String> holidays, Set<String> workdays) {
        Instant from = Instant.ofEpochMilli(at(effective));
        TreeSet<LocalDate> h = new TreeSet<>();
        holidays.forEach(d -> h.add(LocalDate.parse(d)));
        TreeSet<LocalDate> w = new TreeSet<>();
        workdays.forEach(d -> w.add(LocalDate.parse(d)));
        return new CalendarVersion(T, year, number, h, w, "hr-1", from, from);
    }

    @Test
    void withoutVersionsEveryInstantHasTheFileCalendar() {
        assertSame(FILE, book.at(T, at("2026-05-01T12:00")));
        assertNull(book.at("t-unknown", at("2026-05-01T12:00")));
    }

    @Test
    void aVersionChangesItsYearFromItsEffectiveInstantOnAndLeavesOtherYearsAsTheFileHasThem() {
        // 2026 v1, effective 20 Apr: 1 May stays off, Sat 9 May is worked, 4 May is a company day off.
        TenantCalendars changed = book.with(
                version(2026, 1, "2026-04-20T09:00", Set.of("2026-05-01", "2026-05-04"), Set.of("2026-05-09")));
        long beforeIt = at("2026-04-20T08:59");
        long fromIt = at("2026-04-20T09:00");
        assertEquals(FILE, changed.at(T, beforeIt));
        TenantCalendar inForce = changed.at(T, fromIt);
        assertEquals(false, inForce.isWorkingDay(LocalDate.of(2026, 5, 4)));
        assertEquals(true, inForce.isWorkingDay(LocalDate.of(2026, 5, 9)));
        assertEquals(false, inForce.isWorkingDay(LocalDate.of(2027, 1, 1)), "2027 still as the file has it");
        // Thu 30 Apr 12:00 → Sat 9 May 12:00: 12 h on 30 Apr + 5-8 May (24 h × 4) + 12 h on the worked Saturday;
        // 1-4 May off (a holiday, the weekend, the company's day).
        assertEquals(
                (12 + 96 + 12) * HOUR, inForce.workingMillisBetween(at("2026-04-30T12:00"), at("2026-05-09T12:00")));
    }

    @Test
    void aLaterVersionOfTheYearReplacesTheEarlierOneWholeFromItsOwnInstantOn() {
        TenantCalendars changed = book.with(version(2026, 1, "2026-04-20T09:00", Set.of("2026-05-04"), Set.of()))
                .with(version(2026, 2, "2026-04-25T09:00", Set.of("2026-05-05"), Set.of()));
        TenantCalendar first = changed.at(T, at("2026-04-24T00:00"));
        TenantCalendar second = changed.at(T, at("2026-04-26T00:00"));
        assertEquals(Set.of(LocalDate.of(2027, 1, 1), LocalDate.of(2026, 5, 4)), first.holidays());
        assertEquals(Set.of(LocalDate.of(2027, 1, 1), LocalDate.of(2026, 5, 5)), second.holidays());
    }

    @Test
    void theCalendarInForceDoesNotDependOnTheOrderVersionsArrive() {
        CalendarVersion v1 = version(2026, 1, "2026-04-20T09:00", Set.of("2026-05-04"), Set.of());
        CalendarVersion v2 = version(2026, 2, "2026-04-25T09:00", Set.of("2026-05-05"), Set.of());
        CalendarVersion v2027 = version(2027, 1, "2026-04-22T09:00", Set.of("2027-02-08"), Set.of("2027-02-14"));
        TenantCalendars live = book.with(v1).with(v2027).with(v2);
        TenantCalendars replay = book.with(v2).with(v1).with(v2027).with(v1);
        for (String instant :
                new String[] {"2026-04-19T00:00", "2026-04-21T00:00", "2026-04-23T00:00", "2026-04-26T00:00"}) {
            assertEquals(live.at(T, at(instant)), replay.at(T, at(instant)), instant);
        }
        assertEquals(3, replay.versions().size(), "a second copy of a version is not a version");
    }

    @Test
    void aVersionOfATenantTheFileDoesNotKnowIsIgnored() {
        Instant now = Instant.parse("2026-04-20T00:00:00Z");
        CalendarVersion stranger =
                new CalendarVersion("t-other", 2026, 1, new TreeSet<>(), new TreeSet<>(), "hr-1", now, now);
        assertSame(book, book.with(stranger));
    }
}
