package io.kpipulse.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogFormatException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TenantCalendarTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final long HOUR = 3_600_000L;
    private final TenantCalendar calendar = new TenantCalendar(SHANGHAI, Set.of(LocalDate.of(2026, 5, 1)));

    private static long at(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), SHANGHAI)
                .toInstant()
                .toEpochMilli();
    }

    @Test
    void reimbursementSubmittedFridayEveningAndPaidMondayMorningTookFiveWorkingHours() {
        // Fri 2026-05-08 22:00 → Mon 2026-05-11 03:00: 2 h on Friday + 3 h on Monday.
        assertEquals(5 * HOUR, calendar.workingMillisBetween(at("2026-05-08T22:00"), at("2026-05-11T03:00")));
    }

    @Test
    void holidaysDoNotCount() {
        // Thu 2026-04-30 12:00 → Mon 2026-05-04 12:00; May 1 is a holiday, the weekend too.
        assertEquals(
                12 * HOUR + 12 * HOUR, calendar.workingMillisBetween(at("2026-04-30T12:00"), at("2026-05-04T12:00")));
    }

    @Test
    void reversedIntervalIsNegative() {
        assertEquals(-2 * HOUR, calendar.workingMillisBetween(at("2026-05-06T12:00"), at("2026-05-06T10:00")));
    }

    @Test
    void dayFollowsTheTenantZoneNotUtc() {
        // 2026-03-31T17:00Z is already April 1st in Shanghai: it belongs to April's windows.
        assertEquals(LocalDate.of(2026, 4, 1), calendar.dayOf(java.time.Instant.parse("2026-03-31T17:00:00Z")));
    }

    /** Labour Day 2026 as announced: 1–5 May off, Saturday 9 May worked in exchange (调休). */
    private final TenantCalendar labourDay = new TenantCalendar(
            SHANGHAI,
            Set.of(LocalDate.of(2026, 5, 1), LocalDate.of(2026, 5, 4), LocalDate.of(2026, 5, 5)),
            Set.of(LocalDate.of(2026, 5, 9)));

    @Test
    void aMakeUpSaturdayIsAWorkingDayAndTheWeekdaysOfTheBreakAreNot() {
        assertTrue(labourDay.isWorkingDay(LocalDate.of(2026, 5, 9)));
        assertFalse(labourDay.isWorkingDay(LocalDate.of(2026, 5, 10)));
        assertFalse(labourDay.isWorkingDay(LocalDate.of(2026, 5, 5)));
        assertTrue(labourDay.isWorkingDay(LocalDate.of(2026, 5, 6)));
    }

    @Test
    void aReimbursementAcrossTheHolidayAndTheMakeUpSaturdayCountsOnlyWorkedTime() {
        // Thu 2026-04-30 18:00 → Mon 2026-05-11 09:00: 6 h on Thursday; 1–5 May off; Wed 6, Thu 7, Fri 8 are
        // 3 full days; Saturday 9 is worked (24 h of calendar time on a working day); Sunday 10 off; 9 h on Monday.
        assertEquals(
                (6 + 3 * 24 + 24 + 9) * HOUR,
                labourDay.workingMillisBetween(at("2026-04-30T18:00"), at("2026-05-11T09:00")));
        // Without the make-up day the same interval is a day shorter.
        TenantCalendar holidaysOnly = new TenantCalendar(SHANGHAI, labourDay.holidays());
        assertEquals(
                (6 + 3 * 24 + 9) * HOUR,
                holidaysOnly.workingMillisBetween(at("2026-04-30T18:00"), at("2026-05-11T09:00")));
    }

    @Test
    void aMakeUpDayOnAWeekdayOrOnAHolidayIsRefused() {
        IllegalArgumentException weekday = assertThrows(
                IllegalArgumentException.class,
                () -> new TenantCalendar(SHANGHAI, Set.of(), Set.of(LocalDate.of(2026, 5, 8))));
        assertTrue(weekday.getMessage().contains("FRIDAY"), weekday.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new TenantCalendar(SHANGHAI, Set.of(LocalDate.of(2026, 5, 9)), Set.of(LocalDate.of(2026, 5, 9))));
    }

    @Test
    void theTenantsFileCarriesMakeUpWorkingDaysAndNamesTheTenantOfABadOne() {
        TenantRegistry registry = TenantRegistry.parse(
                "tenants: [{id: t-a, holidays: [2026-05-01, 2026-05-04, 2026-05-05], workdays: [2026-05-09]}]");
        assertEquals(labourDay, registry.calendars().get("t-a"));
        CatalogFormatException bad = assertThrows(
                CatalogFormatException.class,
                () -> TenantRegistry.parse("tenants: [{id: t-b, workdays: [2026-05-08]}]"));
        assertTrue(bad.getMessage().startsWith("tenant t-b: make-up working day 2026-05-08"), bad.getMessage());
    }

    @Test
    void theDemoTenantsKeepTheMakeUpWorkingDaysOf2026() {
        TenantCalendar demo = TenantRegistry.fromFileOrDemo("").calendars().get("t-acme-life");
        for (String day : List.of("2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10")) {
            assertTrue(demo.isWorkingDay(LocalDate.parse(day)), day);
        }
        assertFalse(demo.isWorkingDay(LocalDate.parse("2026-02-23")), "the Monday after the Spring Festival week");
    }
}
