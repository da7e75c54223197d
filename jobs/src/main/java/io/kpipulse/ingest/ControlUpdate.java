package io.kpipulse.ingest;

import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CurrentCalendars;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.TimeLine;
import java.io.Serializable;
import org.apache.flink.api.common.state.BroadcastState;

/**
 * What every parallel instance must see: org-directory changes, catalog versions and calendar versions
 * (broadcast). One of the three is set.
 */
public record ControlUpdate(OrgChange orgChange, CatalogUpdate catalog, CalendarUpdate calendar)
        implements Serializable {

    public static ControlUpdate of(OrgChange change) {
        return new ControlUpdate(change, null, null);
    }

    public static ControlUpdate of(CatalogUpdate catalog) {
        return new ControlUpdate(null, catalog, null);
    }

    public static ControlUpdate of(CalendarUpdate calendar) {
        return new ControlUpdate(null, null, calendar);
    }

    /**
     * Keeps this update in the broadcast state of an operator that reads the directory and the catalog but no
     * calendar beyond its zone (a calendar version is not its business).
     */
    public void applyTo(BroadcastState<String, TimeLine> directory, BroadcastState<String, CatalogUpdate> catalogs)
            throws Exception {
        OrgDirectory.apply(directory, orgChange);
        if (catalog != null) {
            CurrentCatalog.offer(catalogs, catalog);
        }
    }

    /** As {@link #applyTo(BroadcastState, BroadcastState)}, for an operator that decides working-day durations. */
    public void applyTo(
            BroadcastState<String, TimeLine> directory,
            BroadcastState<String, CatalogUpdate> catalogs,
            CurrentCalendars calendars,
            BroadcastState<String, String> calendarVersions,
            long watermark)
            throws Exception {
        applyTo(directory, catalogs);
        if (calendar != null) {
            calendars.offer(calendarVersions, calendar, watermark);
        }
    }
}
