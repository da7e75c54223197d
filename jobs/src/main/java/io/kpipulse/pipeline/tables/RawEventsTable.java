package io.kpipulse.pipeline.tables;

import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code raw_events}: accepted events with their original bytes, deduplicated by event id. */
public final class RawEventsTable implements TableWriter<ArchivedEvent> {

    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
        return "raw_events";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "event_type",
                "event_id",
                "event_time",
                "source_system",
                "employee_id",
                "department_id",
                "schema_fingerprint",
                "payload_json",
                "payload_avro",
                "kafka_topic",
                "kafka_partition",
                "kafka_offset",
                "ingested_at");
    }

    @Override
    public void bind(PreparedStatement ps, ArchivedEvent e) throws SQLException {
        ps.setString(1, e.tenantId());
        ps.setString(2, e.eventType());
        ps.setString(3, e.eventId());
        Columns.utc(ps, 4, e.eventTime());
        ps.setString(5, e.sourceSystem());
        ps.setString(6, e.employeeId());
        ps.setString(7, e.departmentId());
        ps.setObject(8, java.math.BigInteger.valueOf(e.schemaFingerprint()).and(UINT64_MASK));
        ps.setString(9, e.payloadJson());
        Columns.bytes(ps, 10, e.payloadAvro());
        ps.setString(11, e.topic());
        ps.setLong(12, e.partition());
        ps.setLong(13, e.offset());
        Columns.utc(ps, 14, e.ingestedAtMillis());
    }

    /** Fingerprints are unsigned 64-bit values; Java's long is signed. */
    private static final java.math.BigInteger UINT64_MASK =
            java.math.BigInteger.ONE.shiftLeft(64).subtract(java.math.BigInteger.ONE);
}
