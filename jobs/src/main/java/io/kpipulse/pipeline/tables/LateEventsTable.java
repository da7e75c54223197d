package io.kpipulse.pipeline.tables;

import io.kpipulse.ingest.LateEvent;
import io.kpipulse.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code late_events}: events received too long after they happened, kept for period close. */
public final class LateEventsTable implements TableWriter<LateEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
        return "late_events";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "event_type",
                "event_id",
                "event_time",
                "received_at",
                "reason",
                "employee_id",
                "department_id",
                "payload_avro",
                "kafka_topic",
                "kafka_partition",
                "kafka_offset",
                "detected_at");
    }

    @Override
    public void bind(PreparedStatement ps, LateEvent e) throws SQLException {
        ps.setString(1, e.tenantId());
        ps.setString(2, e.eventType());
        ps.setString(3, e.eventId());
        Columns.utc(ps, 4, e.eventTime());
        Columns.utc(ps, 5, e.receivedAt());
        ps.setString(6, e.reason());
        ps.setString(7, e.employeeId());
        ps.setString(8, e.departmentId());
        Columns.bytes(ps, 9, e.payload());
        ps.setString(10, e.topic());
        ps.setLong(11, e.partition());
        ps.setLong(12, e.offset());
        Columns.utc(ps, 13, e.detectedAtMillis());
    }
}
