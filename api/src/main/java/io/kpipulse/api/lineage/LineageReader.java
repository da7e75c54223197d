package io.kpipulse.api.lineage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Reads raw events for a {@link LineageQuery}, oldest first, with bound parameters only. */
public final class LineageReader {

    private final Connections connections;
    private final ObjectMapper json;

    public LineageReader(Connections connections, ObjectMapper json) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.json = Objects.requireNonNull(json, "json");
    }

    /** At most {@code query.limit()} events after skipping {@code query.offset()}. */
    public List<LineageEvent> read(LineageQuery query, int limit) {
        // FINAL: a replayed event is archived twice until a merge; lineage must show it once.
        // Bounds are compared as epoch milliseconds so neither the driver's nor the server's zone applies.
        String sql = "SELECT event_id, event_type, toUnixTimestamp64Milli(event_time) AS event_ms, employee_id,"
                + " department_id, source_system, payload_json FROM raw_events FINAL"
                + " WHERE tenant_id = ? AND event_type IN ("
                + Sql.placeholders(query.eventTypes().size()) + ")"
                + " AND " + query.subjectColumn() + " = ?"
                + " AND event_time >= fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                + " AND event_time < fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                + " ORDER BY event_time, event_type, event_id LIMIT ? OFFSET ?";
        List<Object> params = new ArrayList<>();
        params.add(query.tenantId());
        params.addAll(query.eventTypes());
        params.add(query.subjectId());
        params.add(query.from().toEpochMilli());
        params.add(query.to().toEpochMilli());
        params.add(limit);
        params.add(query.offset());
        return Sql.query(
                connections,
                sql,
                params,
                rs -> new LineageEvent(
                        rs.getString("event_id"),
                        rs.getString("event_type"),
                        Sql.epochMillis(rs, "event_ms"),
                        rs.getString("employee_id"),
                        rs.getString("department_id"),
                        rs.getString("source_system"),
                        payload(rs.getString("payload_json"))));
    }

    /** The archived JSON as an object; if it ever fails to parse, the text itself rather than a failed request. */
    private JsonNode payload(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException e) {
            return TextNode.valueOf(text);
        }
    }
}
