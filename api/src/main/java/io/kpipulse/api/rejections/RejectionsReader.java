package io.kpipulse.api.rejections;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads dead letters and late events of a tenant, newest first. The engine stores original bytes as base64
 * text (see the jobs' {@code Columns}), so they are answered as stored: decoding once gives the original bytes.
 */
public final class RejectionsReader {

    private final Connections connections;

    public RejectionsReader(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** @param reason only this reason, or null for all */
    public List<DeadLetterView> deadLetters(String tenantId, String reason, int limit) {
        List<Object> params = new ArrayList<>();
        params.add(tenantId);
        if (reason != null) {
            params.add(reason);
        }
        params.add(limit);
        String sql = "SELECT reason, detail, event_type, event_id, kafka_topic, kafka_partition, kafka_offset,"
                + " record_key, toUnixTimestamp64Milli(detected_at) AS detected_ms,"
                + " original_bytes AS original_b64 FROM dead_letters FINAL"
                + " WHERE tenant_id = ?" + (reason != null ? " AND reason = ?" : "")
                + " ORDER BY detected_at DESC, kafka_topic, kafka_partition, kafka_offset DESC LIMIT ?";
        return Sql.query(
                connections,
                sql,
                params,
                rs -> new DeadLetterView(
                        rs.getString("reason"),
                        rs.getString("detail"),
                        rs.getString("event_type"),
                        rs.getString("event_id"),
                        rs.getString("kafka_topic"),
                        rs.getLong("kafka_partition"),
                        rs.getLong("kafka_offset"),
                        rs.getString("record_key"),
                        Sql.epochMillis(rs, "detected_ms"),
                        rs.getString("original_b64")));
    }

    public List<LateEventView> lateEvents(String tenantId, int limit) {
        String sql = "SELECT reason, event_type, event_id, toUnixTimestamp64Milli(event_time) AS event_ms,"
                + " toUnixTimestamp64Milli(received_at) AS received_ms, employee_id, department_id, kafka_topic,"
                + " kafka_partition, kafka_offset, toUnixTimestamp64Milli(detected_at) AS detected_ms,"
                + " payload_avro AS payload_b64 FROM late_events FINAL"
                + " WHERE tenant_id = ? ORDER BY detected_at DESC, event_type, event_id LIMIT ?";
        return Sql.query(
                connections,
                sql,
                List.of(tenantId, limit),
                rs -> new LateEventView(
                        rs.getString("reason"),
                        rs.getString("event_type"),
                        rs.getString("event_id"),
                        Sql.epochMillis(rs, "event_ms"),
                        Sql.epochMillis(rs, "received_ms"),
                        rs.getString("employee_id"),
                        rs.getString("department_id"),
                        rs.getString("kafka_topic"),
                        rs.getLong("kafka_partition"),
                        rs.getLong("kafka_offset"),
                        Sql.epochMillis(rs, "detected_ms"),
                        rs.getString("payload_b64")));
    }
}
