package io.kpipulse.api.calendars;

import io.kpipulse.read.calendars.CalendarVersionStore;
import io.kpipulse.read.sql.Connections;

/** The store and the publication the calendar routes use. */
public record CalendarServices(CalendarVersionStore store, CalendarPublication publication) {

    public static CalendarServices over(Connections connections, CalendarPublication publication) {
        return new CalendarServices(new CalendarVersionStore(connections), publication);
    }
}
