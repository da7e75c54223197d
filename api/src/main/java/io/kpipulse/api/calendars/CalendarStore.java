package io.kpipulse.api.calendars;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.StorageException;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code calendar_versions}: what the API lists; the control topic is what the engine runs. */
public final class CalendarStore {

    private final Connections connections;

    public CalendarStore(Connections connections) {
        this.connections = connections;
    }

    /** Stores {@code version}; {@code published} once the control topic acknowledged it. */
    public void save(CalendarVersion version, boolean published, long nowMillis) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(
                        "INSERT INTO calendar_versions (tenant_id, year, version,"
                                + " version_json, published, updated_at) VALUES (?, ?, ?, ?, ?, fromUnixTimestamp64Milli(?))")) {
            ps.setString(1, version.tenantId());
            ps.setInt(2, version.year());
            ps.setLong(3, version.version());
            ps.setString(4, CalendarVersionJson.write(version));
            ps.setInt(5, published ? 1 : 0);
            ps.setLong(6, nowMillis);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store a calendar version", e);
        }
    }

    /** The tenant's versions of {@code year}, oldest first, each in its newest state. */
    public List<Stored> versions(String tenantId, int year) {
        List<Stored> out = new ArrayList<>();
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("SELECT version_json, published FROM calendar_versions FINAL"
                        + " WHERE tenant_id = ? AND year = ? ORDER BY version")) {
            ps.setString(1, tenantId);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(CalendarVersionJson.read(rs.getString(1)), rs.getInt(2) == 1));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read calendar versions", e);
        }
        return out;
    }

    /** A stored version, and whether the control topic acknowledged it (the engine runs only those). */
    public record Stored(CalendarVersion version, boolean published) {}
}
