package io.kpipulse.api.alerts.delivery;

import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code alert_channels}: the newest version of each channel; secrets stay in here and in the dispatcher. */
public final class ChannelStore {

    private final Connections connections;

    public ChannelStore(Connections connections) {
        this.connections = connections;
    }

    public void save(AlertChannel ch, long version, boolean deleted) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO alert_channels (tenant_id, channel_id, kind,"
                        + " department_id, target, secret, language, min_severity, version, deleted)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, ch.tenantId());
            ps.setString(2, ch.channelId());
            ps.setString(3, ch.kind().name());
            ps.setString(4, ch.departmentId());
            ps.setString(5, ch.target());
            ps.setString(6, ch.secret());
            ps.setString(7, ch.language());
            ps.setString(8, ch.minSeverity().name());
            ps.setLong(9, version);
            ps.setInt(10, deleted ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store an alert channel", e);
        }
    }

    /** The tenant's live channels. */
    public List<AlertChannel> list(String tenantId) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("SELECT channel_id, kind, department_id, target, secret,"
                        + " language, min_severity FROM alert_channels FINAL WHERE tenant_id = ? AND deleted = 0"
                        + " ORDER BY channel_id")) {
            ps.setString(1, tenantId);
            List<AlertChannel> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AlertChannel(
                            tenantId,
                            rs.getString(1),
                            ChannelKind.valueOf(rs.getString(2)),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            Severity.valueOf(rs.getString(7))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read alert channels", e);
        }
    }
}
