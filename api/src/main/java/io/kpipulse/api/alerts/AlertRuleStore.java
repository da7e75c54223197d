package io.kpipulse.api.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.AlertRuleJson;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code alert_rules}: what the API lists; the control topic is what the job runs. */
public final class AlertRuleStore {

    private final Connections connections;

    public AlertRuleStore(Connections connections) {
        this.connections = connections;
    }

    public void save(AlertRule rule, boolean deleted, long nowMillis) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO alert_rules (tenant_id, rule_id, version,"
                        + " department_id, owner_id, rule_json, deleted, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, fromUnixTimestamp64Milli(?))")) {
            ps.setString(1, rule.tenantId());
            ps.setString(2, rule.ruleId());
            ps.setLong(3, rule.version());
            ps.setString(4, rule.departmentId());
            ps.setString(5, rule.ownerId() == null ? "" : rule.ownerId());
            ps.setString(6, AlertRuleJson.write(rule));
            ps.setInt(7, deleted ? 1 : 0);
            ps.setLong(8, nowMillis);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("cannot store an alert rule", e);
        }
    }

    /** The newest version of a rule, deleted or not (versions keep growing across a re-creation). */
    public Optional<Stored> find(String tenantId, String ruleId) {
        return query("WHERE tenant_id = ? AND rule_id = ?", tenantId, ruleId).stream()
                .findFirst();
    }

    public List<AlertRule> list(String tenantId) {
        return query("WHERE tenant_id = ?", tenantId, null).stream()
                .filter(s -> !s.deleted())
                .map(Stored::rule)
                .toList();
    }

    public record Stored(AlertRule rule, boolean deleted) {}

    private List<Stored> query(String where, String tenantId, String ruleId) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT rule_json, deleted FROM alert_rules FINAL " + where + " ORDER BY rule_id")) {
            ps.setString(1, tenantId);
            if (ruleId != null) {
                ps.setString(2, ruleId);
            }
            List<Stored> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Stored(AlertRuleJson.parse(rs.getString(1)), rs.getInt(2) == 1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new StorageException("cannot read alert rules", e);
        }
    }
}
