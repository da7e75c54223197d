package io.kpipulse.api.calendars;

import io.kpipulse.read.sql.Connections;

/** The store and the publication the calendar routes use. */
public record CalendarServices(CalendarStore store, CalendarPublication publication) {

    public static CalendarServices over(Connections connections, CalendarPublication publication) {
        return new CalendarServices(new CalendarStore(connections), publication);
    }
}
