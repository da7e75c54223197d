package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.faults.FaultKind;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.sink.TopicCreator;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEvents;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a backlog is published without a further event. Events sent as they happened (record timestamp =
 * event time) while the engine was down, the newest two minutes old when the job starts: reading them takes
 * longer than the live lag, so no partition counts as live and the watermark does not follow the wall clock.
 * Until the source declared a partition read to its end idle with its watermark at its newest event time, the
 * watermark stayed out-of-orderness (1 s) short of the newest events, and the three sales below, all within that
 * second, waited for the next event on the topics: the agent's DAY value showed nothing.
 */
class EndOfBacklogEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-acme-life";
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void theNewestEventsOfABacklogArePublishedWithNoFurtherEvent() throws Exception {
        String prefix = KAFKA.uniqueTopic("backlog") + ".";
        TopicCreator.ensureTopics(
                KAFKA.bootstrapServers(),
                SourceTopics.eventTopics().stream().map(t -> prefix + t).toList(),
                2);
        KAFKA.createTopic(prefix + SourceTopics.DEAD_LETTERS, 1);
        KAFKA.createCompactedTopic(prefix + SourceTopics.CONTROL, 1);
        String database = CLICKHOUSE.freshDatabase("backlog");

        // Two minutes ago (within the horizon, beyond the live lag), to the millisecond, in the tenant's zone.
        Instant sale = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        TestEvents e = new TestEvents(T);
        List<SpecificRecord> events = List.of(
                e.department("d-sales", null, local(sale.minusSeconds(60))),
                e.hire("e-1", "d-sales", local(sale.minusSeconds(60))),
                e.policy("e-1", "d-sales", local(sale), "100.00", true),
                e.policy("e-1", "d-sales", local(sale.plusMillis(400)), "100.00", true),
                e.policy("e-1", "d-sales", local(sale.plusMillis(800)), "100.00", true));
        try (KafkaEventSink sink = new KafkaEventSink(KAFKA.bootstrapServers())) {
            for (SpecificRecord event : events) {
                long time = EventHeaders.header(event).getEventTime().toEpochMilli();
                sink.send(new ProducedRecord(
                        prefix + EventTypes.of(event.getClass()).topic(),
                        EventKeys.keyOf(event),
                        EventCodec.standard().encode(event),
                        time, // sent as it happened: the backlog waited in Kafka, not at the producer
                        FaultKind.NONE));
            }
        }

        JobClient job = start(prefix, database);
        try {
            ClickHouseConnector clickHouse =
                    new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), database, "default", "", true);
            String sql = "SELECT toString(sum(event_count)) FROM indicator_values FINAL"
                    + " WHERE indicator_id = 'policies_issued' AND window_type = 'DAY'"
                    + " AND subject_type = 'EMPLOYEE' AND subject_id = 'e-1'";
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            String counted = "";
            while (!counted.equals("3") && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(300);
                counted = text(clickHouse, sql);
            }
            assertEquals("3", counted, "the agent's three sales on their DAY value");
            assertEquals(
                    "1",
                    text(
                            clickHouse,
                            "SELECT toString(sum(value) = 300) FROM indicator_values FINAL"
                                    + " WHERE indicator_id = 'new_policy_premium' AND window_type = 'DAY'"
                                    + " AND subject_type = 'EMPLOYEE' AND subject_id = 'e-1'"),
                    "their premium, 3 × 100.00");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, TestEvents.ZONE).toString();
    }

    private static JobClient start(String prefix, String database) throws Exception {
        Settings settings = Settings.of(Map.of(
                EngineOptions.BOOTSTRAP_SERVERS.key(),
                KAFKA.bootstrapServers(),
                EngineOptions.TOPIC_PREFIX.key(),
                prefix,
                EngineOptions.GROUP_ID.key(),
                prefix + "engine",
                EngineOptions.CHECKPOINT_INTERVAL.key(),
                "1s",
                EngineOptions.CHECKPOINT_DIR.key(),
                Files.createTempDirectory("kpi-backlog-checkpoints").toUri().toString(),
                EngineOptions.FLUSH_INTERVAL.key(),
                "100ms",
                EngineOptions.SOURCE_IDLENESS.key(),
                "1s",
                ClickHouseOptions.URL.key(),
                CLICKHOUSE.jdbcUrl(),
                ClickHouseOptions.DATABASE.key(),
                database));
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(IndicatorJob.flinkConfiguration(settings));
        return env.executeAsync(IndicatorJob.wire(env, settings));
    }

    private static String text(ClickHouseConnector db, String sql) throws SQLException {
        try (Connection c = db.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
