package io.kpipulse.snapshots.verify;

import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.EventKeys;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The tenant's accepted events before an instant, read back from {@code raw_events} as the records the engine
 * first received: the original bytes, topic, partition and offset, the event time, and the key rebuilt from
 * the event as producers build it ({@link EventKeys}). Each record is stamped as received at its own event
 * time, so admission accepts it exactly as it was once accepted (the archive holds only accepted events).
 * Oldest first, ties by Kafka position, so a replay meets the org events before what they explain.
 */
final class ArchivedRecords {

    private final Connections connections;

    ArchivedRecords(Connections connections) {
        this.connections = connections;
    }

    List<RawRecord> before(String tenantId, Instant endExclusive) {
        EventCodec codec = EventCodec.standard();
        return Sql.query(
                connections,
                "SELECT kafka_topic, kafka_partition, kafka_offset, payload_avro,"
                        + " toUnixTimestamp64Milli(event_time) AS time_ms FROM raw_events FINAL WHERE tenant_id = ?"
                        + " AND event_time < fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                        + " ORDER BY event_time, kafka_topic, kafka_partition, kafka_offset",
                List.of(tenantId, endExclusive.toEpochMilli()),
                rs -> {
                    byte[] bytes = Base64.getDecoder().decode(rs.getString("payload_avro"));
                    long time = rs.getLong("time_ms");
                    String key;
                    try {
                        key = EventKeys.keyStringOf(codec.decode(bytes).event());
                    } catch (EventDecodeException e) {
                        throw new IllegalStateException(
                                "archived event at " + rs.getString("kafka_topic") + "/" + rs.getLong("kafka_partition")
                                        + "/" + rs.getLong("kafka_offset") + " no longer decodes",
                                e);
                    }
                    return new RawRecord(
                            rs.getString("kafka_topic"),
                            (int) rs.getLong("kafka_partition"),
                            rs.getLong("kafka_offset"),
                            key,
                            bytes,
                            time,
                            time);
                });
    }
}
