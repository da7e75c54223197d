package io.kpipulse.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Reads the audit log for auditors. Optional filters are bound like the rest ({@code ? = '' OR actor = ?}). */
public final class AuditReader {

    private static final String SQL = "SELECT toUnixTimestamp64Milli(event_time) AS time_ms, entry_id, actor, action,"
            + " target, before_json, after_json, outcome, request_id, client_address FROM audit_log"
            + " WHERE tenant_id = ? AND event_time >= fromUnixTimestamp64Milli(?)"
            + " AND event_time < fromUnixTimestamp64Milli(?)"
            + " AND (? = '' OR actor = ?) AND (? = '' OR action = ?)"
            + " ORDER BY event_time DESC, entry_id LIMIT ? OFFSET ?";

    private final Connections connections;
    private final ObjectMapper json;

    public AuditReader(Connections connections, ObjectMapper json) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
    }

    public record AuditView(
            Instant time,
            String entryId,
            String actor,
            String action,
            String target,
            JsonNode before,
            JsonNode after,
            String outcome,
            String requestId,
            String clientAddress) {}

    /** Up to {@code rows} entries of the query's page (the caller asks one more than it shows to detect more). */
    public List<AuditView> read(AuditQuery q, int rows) {
        String actor = q.actor() == null ? "" : q.actor();
        String action = q.action() == null ? "" : q.action();
        return Sql.query(
                connections,
                SQL,
                List.of(
                        q.tenantId(),
                        q.from().toEpochMilli(),
                        q.to().toEpochMilli(),
                        actor,
                        actor,
                        action,
                        action,
                        rows,
                        q.offset()),
                this::row);
    }

    private AuditView row(ResultSet rs) throws SQLException {
        return new AuditView(
                Instant.ofEpochMilli(rs.getLong("time_ms")),
                rs.getString("entry_id"),
                rs.getString("actor"),
                rs.getString("action"),
                rs.getString("target"),
                parse(rs.getString("before_json")),
                parse(rs.getString("after_json")),
                rs.getString("outcome"),
                rs.getString("request_id"),
                rs.getString("client_address"));
    }

    private JsonNode parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit_log holds a row that is not JSON", e);
        }
    }
}
