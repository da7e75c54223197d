package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What the engine has archived in {@code raw_events}, as period close needs it. The engine records no
 * watermark of its own, so the newest accepted event time of a tenant stands for its progress through the
 * event log (the watermark trails it by the out-of-orderness); the position of a snapshot is the count, newest
 * event time and highest offset per Kafka partition of the tenant's events before the period's end. Read FINAL:
 * a replayed event exists in identical copies until a merge.
 */
public final class EventLog {

    private final Connections connections;

    public EventLog(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** The newest accepted event time of the tenant; empty when nothing was archived. */
    public Optional<Instant> newestEventTime(String tenantId) {
        return Sql.query(
                        connections,
                        "SELECT count() AS n, toUnixTimestamp64Milli(max(event_time)) AS newest FROM raw_events FINAL"
                                + " WHERE tenant_id = ?",
                        List.of(tenantId),
                        rs -> rs.getLong("n") == 0 ? null : Instant.ofEpochMilli(rs.getLong("newest")))
                .stream()
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** The tenant's events before {@code endExclusive}: count, newest time and highest offset per partition. */
    public EventLogPosition positionBefore(String tenantId, Instant endExclusive) {
        Map<String, Long> offsets = new TreeMap<>();
        long[] totals = new long[2];
        Sql.query(
                connections,
                "SELECT kafka_topic, kafka_partition, count() AS n, max(kafka_offset) AS top,"
                        + " toUnixTimestamp64Milli(max(event_time)) AS newest FROM raw_events FINAL"
                        + " WHERE tenant_id = ? AND event_time < fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                        + " GROUP BY kafka_topic, kafka_partition",
                List.of(tenantId, endExclusive.toEpochMilli()),
                rs -> {
                    offsets.put(rs.getString("kafka_topic") + '/' + rs.getLong("kafka_partition"), rs.getLong("top"));
                    totals[0] += rs.getLong("n");
                    totals[1] = Math.max(totals[1], rs.getLong("newest"));
                    return null;
                });
        return new EventLogPosition(totals[0], totals[1], offsets);
    }

    /**
     * The ids of the subject's accepted events dated in the period that were archived after {@code after}: the
     * lineage of a figure that changed after a freeze, oldest first. An employee's are the events naming them;
     * a department's those naming it as the event's department (not its whole subtree).
     */
    public List<String> archivedAfter(
            String tenantId, SubjectType type, String subjectId, Period period, ZoneId zone, Instant after) {
        String column = type == SubjectType.EMPLOYEE ? "employee_id" : "department_id";
        return Sql.query(
                connections,
                "SELECT event_id FROM raw_events FINAL WHERE tenant_id = ? AND " + column + " = ?"
                        + " AND event_time >= fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                        + " AND event_time < fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                        + " AND ingested_at > fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
                        + " ORDER BY event_time, event_id",
                List.of(
                        tenantId,
                        subjectId,
                        period.startInstant(zone).toEpochMilli(),
                        period.endExclusive(zone).toEpochMilli(),
                        after.toEpochMilli()),
                rs -> rs.getString("event_id"));
    }
}
