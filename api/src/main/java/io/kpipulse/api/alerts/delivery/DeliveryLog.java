package io.kpipulse.api.alerts.delivery;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** {@code alert_deliveries}: every attempt's outcome, and whether a transition already reached a channel. */
public final class DeliveryLog {

    private final Connections connections;

    public DeliveryLog(Connections connections) {
        this.connections = connections;
    }

    public void record(DeliveryAttempt a) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO alert_deliveries (tenant_id, idempotency_key,"
                        + " channel_id, recipient, attempt, status, http_status, detail, at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, fromUnixTimestamp64Milli(?))")) {
            ps.setString(1, a.tenantId());
            ps.setString(2, a.idempotencyKey());
            ps.setString(3, a.channelId());
            ps.setString(4, a.recipient());
            ps.setInt(5, a.attempt());
            ps.setString(6, a.status().name());
            ps.setInt(7, a.httpStatus());
            ps.setString(8, a.detail());
            ps.setLong(9, a.atMillis());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot record an alert delivery", e);
        }
    }

    /** Whether this transition was delivered (or deliberately silenced) to this channel before. */
    public boolean settled(String tenantId, String idempotencyKey, String channelId) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("SELECT count() FROM alert_deliveries WHERE tenant_id = ?"
                        + " AND idempotency_key = ? AND channel_id = ? AND status IN ('DELIVERED', 'SILENCED')")) {
            ps.setString(1, tenantId);
            ps.setString(2, idempotencyKey);
            ps.setString(3, channelId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        } catch (SQLException e) {
            throw new StorageException("cannot read the alert delivery log", e);
        }
    }

    /** The newest attempts of a tenant, newest first. */
    public List<DeliveryAttempt> recent(String tenantId, int limit) {
        try (Connection c = connections.open();
                PreparedStatement ps =
                        c.prepareStatement("SELECT idempotency_key, channel_id, recipient, attempt, status,"
                                + " http_status, detail, toUnixTimestamp64Milli(at) FROM alert_deliveries WHERE tenant_id = ?"
                                + " ORDER BY at DESC LIMIT ?")) {
            ps.setString(1, tenantId);
            ps.setInt(2, limit);
            List<DeliveryAttempt> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DeliveryAttempt(
                            tenantId,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getInt(4),
                            DeliveryStatus.valueOf(rs.getString(5)),
                            rs.getInt(6),
                            rs.getString(7),
                            rs.getLong(8)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read the alert delivery log", e);
        }
    }
}
