package io.kpipulse.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CalendarVersionTest {

    private static final Instant PUBLISHED = Instant.parse("2026-11-05T02:00:00Z");

    private static CalendarVersion version(int year, List<String> holidays, List<String> workdays) {
        return new CalendarVersion(
                "t-acme-life", year, 1, days(holidays), days(workdays), "hr-1", PUBLISHED, PUBLISHED);
    }

    private static TreeSet<LocalDate> days(List<String> days) {
        TreeSet<LocalDate> set = new TreeSet<>();
        days.forEach(d -> set.add(LocalDate.parse(d)));
        return set;
    }

    @Test
    void theStateCouncilsSpringFestivalOf2027IsAValidVersionAndRoundTripsThroughJson() {
        // Spring Festival 2027 as an example: 6-12 Feb off (Sat 6 and Sun 7 included, as notices list them),
        // Sunday 14 Feb worked.
        CalendarVersion v = version(
                2027,
                List.of(
                        "2027-02-06",
                        "2027-02-07",
                        "2027-02-08",
                        "2027-02-09",
                        "2027-02-10",
                        "2027-02-11",
                        "2027-02-12"),
                List.of("2027-02-14"));
        assertEquals("calendar/t-acme-life/2027/1", v.controlKey());
        assertEquals(v, CalendarVersionJson.read(CalendarVersionJson.write(v)));
    }

    @Test
    void aDayOutsideTheYearIsRefusedNamingTheDay() {
        CalendarVersionException e =
                assertThrows(CalendarVersionException.class, () -> version(2027, List.of("2026-12-31"), List.of()));
        assertEquals("holidays", e.field());
        assertEquals("holiday 2026-12-31 is not in 2027", e.getMessage());
    }

    @Test
    void aMakeUpWorkingDayOnAWeekdayIsRefused() {
        CalendarVersionException e =
                assertThrows(CalendarVersionException.class, () -> version(2027, List.of(), List.of("2027-02-15")));
        assertEquals("makeUpWorkdays", e.field());
        assertEquals(
                "make-up working day 2027-02-15 is a MONDAY: only a Saturday or Sunday can be made a working day",
                e.getMessage());
    }

    @Test
    void aDayCannotBeBothAHolidayAndAMakeUpWorkingDay() {
        CalendarVersionException e = assertThrows(
                CalendarVersionException.class, () -> version(2027, List.of("2027-02-14"), List.of("2027-02-14")));
        assertEquals("2027-02-14 is listed both as a holiday and as a make-up working day", e.getMessage());
    }

    @Test
    void aVersionCannotTakeEffectBeforeItWasPublished() {
        CalendarVersionException e = assertThrows(
                CalendarVersionException.class,
                () -> new CalendarVersion(
                        "t-acme-life",
                        2027,
                        1,
                        new TreeSet<>(),
                        new TreeSet<>(),
                        "hr-1",
                        PUBLISHED,
                        PUBLISHED.minusSeconds(1)));
        assertEquals("effectiveFrom", e.field());
    }

    @Test
    void aControlRecordWithAnUnreadableDayNamesTheField() {
        String json = CalendarVersionJson.write(version(2027, List.of(), List.of()))
                .replace("\"holidays\":[]", "\"holidays\":[\"2027-02-30\"]");
        CalendarVersionException e = assertThrows(CalendarVersionException.class, () -> CalendarVersionJson.read(json));
        assertEquals("holidays", e.field());
    }
}
