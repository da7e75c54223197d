package io.kpipulse.api.alerts.delivery;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code alert_silences}: the newest version of each silence. */
public final class SilenceStore {

    private final Connections connections;

    public SilenceStore(Connections connections) {
        this.connections = connections;
    }

    public void save(Silence s, long version, boolean deleted) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO alert_silences (tenant_id, silence_id, rule_id,"
                        + " department_id, starts_at, ends_at, reason, created_by, version, deleted) VALUES (?, ?, ?, ?,"
                        + " fromUnixTimestamp64Milli(?), fromUnixTimestamp64Milli(?), ?, ?, ?, ?)")) {
            ps.setString(1, s.tenantId());
            ps.setString(2, s.silenceId());
            ps.setString(3, s.ruleId());
            ps.setString(4, s.departmentId());
            ps.setLong(5, s.startsAtMillis());
            ps.setLong(6, s.endsAtMillis());
            ps.setString(7, s.reason());
            ps.setString(8, s.createdBy());
            ps.setLong(9, version);
            ps.setInt(10, deleted ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store a silence", e);
        }
    }

    /** Silences of the tenant that have not ended by {@code nowMillis}. */
    public List<Silence> current(String tenantId, long nowMillis) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("SELECT silence_id, rule_id, department_id,"
                        + " toUnixTimestamp64Milli(starts_at), toUnixTimestamp64Milli(ends_at), reason, created_by"
                        + " FROM alert_silences FINAL WHERE tenant_id = ? AND deleted = 0"
                        + " AND ends_at > fromUnixTimestamp64Milli(?) ORDER BY starts_at")) {
            ps.setString(1, tenantId);
            ps.setLong(2, nowMillis);
            List<Silence> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Silence(
                            tenantId,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getLong(5),
                            rs.getString(6),
                            rs.getString(7)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read silences", e);
        }
    }
}
