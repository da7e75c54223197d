package io.kpipulse.tenants;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
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
}
