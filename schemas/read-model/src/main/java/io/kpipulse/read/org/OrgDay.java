package io.kpipulse.read.org;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A tenant's day, the unit every org question is asked in. The org "as of a day" is the directory at the
 * end of that day in the tenant's zone: every change whose event time falls on that day or before counts.
 * So an employee moved at 08:30 on the 16th is in the new department as of the 16th (a department head
 * moved that day no longer heads the old subtree), and someone who left at 18:00 on the 20th is no longer
 * employed as of the 20th.
 */
public record OrgDay(String tenantId, LocalDate day, ZoneId zone) {

    public OrgDay {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(zone, "zone");
    }

    /** The last millisecond of the day: the instant the directory is read at. */
    public long instantMillis() {
        return day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli() - 1;
    }

    /** The day an instant falls on in this tenant's zone. */
    public static LocalDate dayOf(Instant instant, ZoneId zone) {
        return instant.atZone(zone).toLocalDate();
    }
}
