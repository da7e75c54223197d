package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation.DayCalendar;
import io.kpipulse.catalog.Aggregation.PairedDuration;
import io.kpipulse.tenants.TenantCalendar;

/** Measures a paired duration the way the catalog defines it (calendar or working time, signed). */
public final class Durations {

    private Durations() {}

    public static long measure(PairedDuration definition, long startMillis, long endMillis, TenantCalendar calendar) {
        return definition.calendar() == DayCalendar.WORKING_DAYS
                ? calendar.workingMillisBetween(startMillis, endMillis)
                : endMillis - startMillis;
    }

    public static boolean within(PairedDuration definition, long durationMillis) {
        return definition.limit() != null
                && durationMillis <= definition.limit().toMillis();
    }
}
