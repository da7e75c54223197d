package io.kpipulse.api.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** {@link AuditLog} over ClickHouse's {@code audit_log} (V004): one INSERT per entry, nothing else ever. */
public final class ClickHouseAuditLog implements AuditLog {

    private final Connections connections;
    private final ObjectMapper json;

    public ClickHouseAuditLog(Connections connections, ObjectMapper json) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
    }

    @Override
    public void record(AuditEntry e) {
        Sql.execute(
                connections,
                "INSERT INTO audit_log (tenant_id, event_time, entry_id, actor, action, target, before_json,"
                        + " after_json, outcome, request_id, client_address)"
                        + " VALUES (?, fromUnixTimestamp64Milli(?), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(
                        e.tenantId(),
                        e.time().toEpochMilli(),
                        UUID.randomUUID().toString(),
                        e.actor(),
                        e.action(),
                        e.target(),
                        toJson(e.before()),
                        toJson(e.after()),
                        e.outcome().name(),
                        e.requestId(),
                        e.clientAddress()));
    }

    private String toJson(Object value) {
        if (value == null) {
            return "";
        }
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit state is not serialisable: " + value.getClass(), e);
        }
    }
}
