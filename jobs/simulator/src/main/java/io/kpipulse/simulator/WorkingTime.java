package io.kpipulse.simulator;

import io.kpipulse.tenants.TenantCalendar;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;

/**
 * The inverse of {@link TenantCalendar#workingMillisBetween}: the instant at which a given amount of
 * working-day time has elapsed. Back-office work (reimbursements) only progresses on working days, so its
 * delays are drawn in working time and placed with this.
 */
public final class WorkingTime {

    private WorkingTime() {}

    public static long addWorkingMillis(TenantCalendar calendar, long fromMillis, long workingMillis) {
        long remaining = workingMillis;
        long cursor = fromMillis;
        while (true) {
            ZonedDateTime at = Instant.ofEpochMilli(cursor).atZone(calendar.zone());
            LocalDate day = at.toLocalDate();
            long nextMidnight =
                    day.plusDays(1).atStartOfDay(calendar.zone()).toInstant().toEpochMilli();
            if (calendar.isWorkingDay(day)) {
                long available = nextMidnight - cursor;
                if (remaining <= available) {
                    return cursor + remaining;
                }
                remaining -= available;
            }
            cursor = nextMidnight;
        }
    }
}
