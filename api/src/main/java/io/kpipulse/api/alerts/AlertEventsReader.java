package io.kpipulse.api.alerts;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.StorageException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the alert history ({@code alert_events}) with who acknowledged each alert. */
public final class AlertEventsReader {

    private final Connections connections;

    public AlertEventsReader(Connections connections) {
        this.connections = connections;
    }

    /** One transition as the API shows it. */
    public record AlertEventView(
            String idempotencyKey,
            String ruleId,
            String groupId,
            long sequence,
            String kind,
            String severity,
            String indicatorId,
            String windowType,
            String subjectType,
            String subjectId,
            String departmentId,
            List<String> departmentPath,
            BigDecimal value,
            BigDecimal threshold,
            BigDecimal target,
            BigDecimal previousValue,
            int membersFiring,
            long eventTime,
            List<String> acknowledgedBy) {}

    /** The newest transitions of a tenant, newest first; {@code onlyOpen}: the latest transition of alerts still firing. */
    public List<AlertEventView> recent(String tenantId, boolean onlyOpen, int limit) {
        // Acknowledgements are joined, not looked up per row: ClickHouse has no correlated subqueries.
        String sql = "SELECT e.idempotency_key, rule_id, group_id, sequence, e.kind, e.severity, e.indicator_id,"
                + " e.window_type, e.subject_type, e.subject_id, e.department_id, e.department_path, e.value,"
                + " e.threshold, e.target, e.previous_value, e.members_firing, toUnixTimestamp64Milli(e.event_time),"
                + " a.users FROM (SELECT * FROM alert_events FINAL WHERE tenant_id = ?) AS e"
                + " LEFT JOIN (SELECT rule_id, group_id, sequence, groupArray(user_id) AS users"
                + " FROM alert_acknowledgements FINAL WHERE tenant_id = ? GROUP BY rule_id, group_id, sequence) AS a"
                + " USING (rule_id, group_id, sequence)"
                + (onlyOpen
                        ? " WHERE (rule_id, group_id, sequence) IN (SELECT rule_id, group_id, max(sequence)"
                                + " FROM alert_events WHERE tenant_id = ? GROUP BY rule_id, group_id)"
                                + " AND e.kind = 'FIRING'"
                        : "")
                + " ORDER BY e.event_time DESC, sequence DESC LIMIT ?";
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setString(i++, tenantId);
            ps.setString(i++, tenantId);
            if (onlyOpen) {
                ps.setString(i++, tenantId);
            }
            ps.setInt(i, limit);
            List<AlertEventView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String path = rs.getString(12);
                    out.add(new AlertEventView(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getLong(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10),
                            rs.getString(11),
                            path.isEmpty() ? List.of() : Arrays.asList(path.split(",")),
                            rs.getBigDecimal(13),
                            rs.getBigDecimal(14),
                            rs.getBigDecimal(15),
                            rs.getBigDecimal(16),
                            rs.getInt(17),
                            rs.getLong(18),
                            acknowledgers(rs.getObject(19))));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read alert events", e);
        }
    }

    public void acknowledge(
            String tenantId, String ruleId, String groupId, long sequence, String userId, String note, long nowMillis) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO alert_acknowledgements (tenant_id, rule_id,"
                        + " group_id, sequence, user_id, note, acknowledged_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, fromUnixTimestamp64Milli(?))")) {
            ps.setString(1, tenantId);
            ps.setString(2, ruleId);
            ps.setString(3, groupId);
            ps.setLong(4, sequence);
            ps.setString(5, userId);
            ps.setString(6, note);
            ps.setLong(7, nowMillis);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store an acknowledgement", e);
        }
    }

    private static List<String> acknowledgers(Object array) throws SQLException {
        if (array instanceof java.sql.Array a) {
            Object[] values = (Object[]) a.getArray();
            return Arrays.stream(values).map(String::valueOf).toList();
        }
        if (array instanceof Object[] values) {
            return Arrays.stream(values).map(String::valueOf).toList();
        }
        if (array instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of();
    }
}
