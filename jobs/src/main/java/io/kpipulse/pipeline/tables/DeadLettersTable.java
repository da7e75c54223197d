package io.kpipulse.pipeline.tables;

import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.sink.TableWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code dead_letters}: rejected records keyed by Kafka position, with the original bytes. */
public final class DeadLettersTable implements TableWriter<DeadLetter> {

    private static final long serialVersionUID = 1L;

    @Override
    public String table() {
        return "dead_letters";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "kafka_topic",
                "kafka_partition",
                "kafka_offset",
                "tenant_id",
                "reason",
                "detail",
                "event_type",
                "event_id",
                "original_bytes",
                "record_key",
                "detected_at");
    }

    @Override
    public void bind(PreparedStatement ps, DeadLetter d) throws SQLException {
        ps.setString(1, d.topic());
        ps.setLong(2, d.partition());
        ps.setLong(3, d.offset());
        ps.setString(4, d.tenantId());
        ps.setString(5, d.reason().name());
        ps.setString(6, d.detail());
        ps.setString(7, d.eventType());
        ps.setString(8, d.eventId());
        Columns.bytes(ps, 9, d.originalBytes());
        ps.setString(10, d.recordKey());
        Columns.utc(ps, 11, d.detectedAtMillis());
    }
}
