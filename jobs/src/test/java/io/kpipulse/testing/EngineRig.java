package io.kpipulse.testing;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.ConfigOption;
import io.kpipulse.config.Settings;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.pipeline.IndicatorJob;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.faults.FaultKind;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.sink.TopicCreator;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The real engine job on topics of its own on the test broker (every event topic, dead letters, the compacted
 * control topic, all under one prefix) writing into a fresh ClickHouse database: the set-up the end-to-end tests
 * of the job share. Checkpoints every second into a temporary folder, 100 ms flushes; what a test varies is the
 * partitions and the source idleness, and anything else through {@link #settings()}.
 */
public final class EngineRig {

    private final KafkaExtension kafka;
    private final ClickHouseExtension clickHouse;
    private final String prefix;
    private final Path checkpoints;
    private final Settings settings;

    private EngineRig(
            KafkaExtension kafka, ClickHouseExtension clickHouse, String prefix, Path checkpoints, Settings settings) {
        this.kafka = kafka;
        this.clickHouse = clickHouse;
        this.prefix = prefix;
        this.checkpoints = checkpoints;
        this.settings = settings;
    }

    public static EngineRig create(
            KafkaExtension kafka,
            ClickHouseExtension clickHouse,
            String name,
            int eventPartitions,
            int deadLetterPartitions,
            Duration sourceIdleness)
            throws IOException, SQLException {
        String prefix = kafka.uniqueTopic(name) + ".";
        TopicCreator.ensureTopics(
                kafka.bootstrapServers(),
                SourceTopics.eventTopics().stream().map(t -> prefix + t).toList(),
                eventPartitions);
        kafka.createTopic(prefix + SourceTopics.DEAD_LETTERS, deadLetterPartitions);
        kafka.createCompactedTopic(prefix + SourceTopics.CONTROL, 1);
        Path checkpoints = Files.createTempDirectory("kpi-" + name + "-checkpoints");
        Settings settings = Settings.of(Map.of(
                EngineOptions.BOOTSTRAP_SERVERS.key(),
                kafka.bootstrapServers(),
                EngineOptions.TOPIC_PREFIX.key(),
                prefix,
                EngineOptions.GROUP_ID.key(),
                prefix + "engine",
                EngineOptions.CHECKPOINT_INTERVAL.key(),
                "1s",
                EngineOptions.CHECKPOINT_DIR.key(),
                checkpoints.toUri().toString(),
                EngineOptions.FLUSH_INTERVAL.key(),
                "100ms",
                EngineOptions.SOURCE_IDLENESS.key(),
                sourceIdleness.toMillis() + "ms",
                ClickHouseOptions.URL.key(),
                clickHouse.jdbcUrl(),
                ClickHouseOptions.DATABASE.key(),
                clickHouse.freshDatabase(name)));
        return new EngineRig(kafka, clickHouse, prefix, checkpoints, settings);
    }

    /** The same topics and database with one setting changed (a tenants file, a longer lateness). */
    public EngineRig with(ConfigOption<?> option, Object value) {
        return new EngineRig(kafka, clickHouse, prefix, checkpoints, settings.with(option, value));
    }

    public String prefix() {
        return prefix;
    }

    public Path checkpoints() {
        return checkpoints;
    }

    public Settings settings() {
        return settings;
    }

    /** The job's database. */
    public ClickHouseConnector clickHouse() {
        return ClickHouseConnector.from(settings);
    }

    /** The same engine reading every topic again from the start, as another consumer group, into a fresh database. */
    public Settings replay(String name) throws SQLException {
        return settings.with(EngineOptions.GROUP_ID, prefix + name)
                .with(ClickHouseOptions.DATABASE, clickHouse.freshDatabase(name));
    }

    public JobClient start() throws Exception {
        return start(settings, null);
    }

    public JobClient restore(Path checkpoint) throws Exception {
        return start(settings, checkpoint);
    }

    public static JobClient start(Settings settings, Path restoreFrom) throws Exception {
        Configuration conf = IndicatorJob.flinkConfiguration(settings);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        return env.executeAsync(IndicatorJob.wire(env, settings));
    }

    /** Sends the records to this rig's topics in their order, through one sink (one simulated send clock). */
    public void send(KafkaEventSink sink, List<ProducedRecord> records) {
        for (ProducedRecord r : records) {
            sink.send(new ProducedRecord(prefix + r.topic(), r.key(), r.value(), r.eventTime(), r.fault()));
        }
        sink.flush();
    }

    /** Sends the events as they happened: each record stamped with its event time. */
    public void sendAsTheyHappened(List<? extends SpecificRecord> events) {
        List<ProducedRecord> records = new ArrayList<>();
        for (SpecificRecord event : events) {
            records.add(new ProducedRecord(
                    EventTypes.of(event.getClass()).topic(),
                    EventKeys.keyOf(event),
                    EventCodec.standard().encode(event),
                    EventHeaders.header(event).getEventTime().toEpochMilli(),
                    FaultKind.NONE));
        }
        try (KafkaEventSink sink = new KafkaEventSink(kafka.bootstrapServers())) {
            send(sink, records);
        }
    }

    public static long count(ClickHouseConnector db, String sql) throws SQLException {
        try (Connection c = db.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    public static String text(ClickHouseConnector db, String sql) throws SQLException {
        try (Connection c = db.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Every row of the answer, its columns joined by single spaces. */
    public static List<String> rows(ClickHouseConnector db, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = db.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> values = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    values.add(rs.getString(i));
                }
                out.add(String.join(" ", values));
            }
        }
        return out;
    }

    /** Polls until the condition holds; deadlines are generous because CI machines are slow, not the engine. */
    public static void await(String what, Duration deadline, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            if (condition.call()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(300);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
