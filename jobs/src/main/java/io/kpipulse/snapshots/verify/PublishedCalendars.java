package io.kpipulse.snapshots.verify;

import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.util.List;

/**
 * The calendar versions the engine ran for a tenant: those the API stored as published (the broker
 * acknowledged them on the control topic). A replay needs every one of them, since a working-day duration is
 * measured with the version in force at its completing event; versions published after a period take effect
 * after it and change none of its figures.
 */
final class PublishedCalendars {

    private final Connections connections;

    PublishedCalendars(Connections connections) {
        this.connections = connections;
    }

    List<CalendarUpdate> of(String tenantId) {
        return Sql.query(
                connections,
                "SELECT version_json FROM calendar_versions FINAL WHERE tenant_id = ? AND published = 1"
                        + " ORDER BY year, version",
                List.of(tenantId),
                rs -> new CalendarUpdate(rs.getString(1)));
    }
}
