package io.kpipulse.pipeline;

import io.kpipulse.config.ConfigOption;
import java.time.Duration;
import java.util.List;

/** Every setting of the indicator engine job, with defaults that run against the local stack. */
public final class EngineOptions {

    public static final ConfigOption<String> BOOTSTRAP_SERVERS = ConfigOption.string(
            "kpi.kafka.bootstrap-servers",
            "127.0.0.1:9092",
            "Kafka bootstrap servers of the event topics and the control topic.");
    public static final ConfigOption<String> TOPIC_PREFIX = ConfigOption.string(
            "kpi.kafka.topic-prefix",
            "",
            "Prefix of every topic name (kpi.events.<system>, kpi.control, kpi.deadletters), to share a cluster between environments.");
    public static final ConfigOption<String> GROUP_ID = ConfigOption.string(
            "kpi.engine.group-id",
            "kpi-indicator-engine",
            "Kafka consumer group of the engine (offsets live in Flink checkpoints).");
    public static final ConfigOption<Integer> PARALLELISM =
            ConfigOption.integer("kpi.engine.parallelism", 2, "Parallelism of the engine's operators.");
    public static final ConfigOption<Duration> OUT_OF_ORDERNESS = ConfigOption.duration(
            "kpi.engine.out-of-orderness",
            Duration.ofSeconds(1),
            "Bound on event-time disorder (and producer delay): the watermark trails the newest event time by this.");
    public static final ConfigOption<Duration> ALLOWED_LATENESS = ConfigOption.duration(
            "kpi.engine.allowed-lateness",
            Duration.ofMinutes(1),
            "A record received more than out-of-orderness + this after its event time goes to late_events instead of windows.");
    public static final ConfigOption<Duration> DEDUP_MARGIN = ConfigOption.duration(
            "kpi.engine.dedup-margin",
            Duration.ofHours(1),
            "The horizon is allowed lateness + this: events dated that far behind the watermark go to late_events; ids are remembered and window state is kept that long.");
    public static final ConfigOption<Duration> MAX_PAIRING = ConfigOption.duration(
            "kpi.engine.max-pairing",
            Duration.ofDays(400),
            "How long one side of a paired indicator (approval → payment) waits for the other.");
    public static final ConfigOption<Duration> FLUSH_INTERVAL = ConfigOption.duration(
            "kpi.engine.flush-interval",
            Duration.ofMillis(200),
            "Updates of one indicator value are coalesced over this interval before writing.");
    public static final ConfigOption<Duration> CATCH_UP_FLUSH_INTERVAL = ConfigOption.duration(
            "kpi.engine.catch-up-flush-interval",
            Duration.ofSeconds(2),
            "While the engine catches up (its watermark more than live-lag behind the wall clock: a backlog, a replay, a backfill), updates are coalesced over this interval instead: nobody watches those values live, and rows written then are mostly intermediate ones.");
    public static final ConfigOption<Duration> QUIET_PARTITION = ConfigOption.duration(
            "kpi.engine.quiet-partition",
            Duration.ofMillis(200),
            "A live partition without records for this long lets the watermark move with the wall clock.");
    public static final ConfigOption<Duration> LIVE_LAG = ConfigOption.duration(
            "kpi.engine.live-lag",
            Duration.ofSeconds(10),
            "A partition whose newest event was at most this old when read counts as live (not catching up).");
    public static final ConfigOption<Duration> SOURCE_IDLENESS = ConfigOption.duration(
            "kpi.engine.source-idleness",
            Duration.ofSeconds(5),
            "A Kafka partition without records for this long, and read to its end, stops holding the watermark back.");
    public static final ConfigOption<Duration> CHECKPOINT_INTERVAL = ConfigOption.duration(
            "kpi.engine.checkpoint-interval",
            Duration.ofSeconds(10),
            "Checkpoint interval; results are durable in ClickHouse at every checkpoint.");
    public static final ConfigOption<String> CHECKPOINT_DIR = ConfigOption.string(
            "kpi.engine.checkpoint-dir",
            "file:///tmp/kpi-pulse/checkpoints",
            "Where checkpoints are stored (file://, s3://, hdfs://).");
    public static final ConfigOption<String> CATALOG_FILE = ConfigOption.string(
            "kpi.engine.catalog-file",
            "",
            "Initial indicator catalog (YAML); empty means the bundled template library. Later versions arrive on the control topic.");
    public static final ConfigOption<String> TENANTS_FILE = ConfigOption.string(
            "kpi.engine.tenants-file", "", "Tenants file (YAML); empty means the bundled demo tenants.");

    public static final ConfigOption<String> PROMETHEUS_PORT = ConfigOption.string(
            "kpi.engine.metrics.prometheus-port",
            "",
            "Port or range (9249-9259) where Flink's Prometheus reporter serves the engine's metrics when it runs"
                    + " in-process; empty = off. On a cluster the reporter is configured in the cluster's Flink"
                    + " configuration (deploy/compose, deploy/k8s).");

    public static final ConfigOption<Boolean> VERIFY_NEW_FREEZES = ConfigOption.bool(
            "kpi.verify.new-freezes",
            true,
            "The verification worker (VerifySnapshotMain --requests) recomputes every frozen snapshot version that was"
                    + " never verified once, without anyone asking.");
    public static final ConfigOption<Duration> VERIFY_REVERIFY_AFTER = ConfigOption.duration(
            "kpi.verify.reverify-after",
            Duration.ofDays(30),
            "The verification worker recomputes again every snapshot version whose newest verification run (or, never"
                    + " verified, its freeze) is older than this; 0 = only on request.");
    public static final ConfigOption<Duration> VERIFY_INTEGRITY_AFTER = ConfigOption.duration(
            "kpi.verify.integrity-after",
            Duration.ofDays(1),
            "The verification worker re-hashes the stored lines of every snapshot version never checked or checked"
                    + " longer ago than this (the integrity GET .../verifications shows); 0 = only with a requested"
                    + " verification.");

    public static final List<ConfigOption<?>> ALL = List.of(
            PROMETHEUS_PORT,
            BOOTSTRAP_SERVERS,
            TOPIC_PREFIX,
            GROUP_ID,
            PARALLELISM,
            OUT_OF_ORDERNESS,
            ALLOWED_LATENESS,
            DEDUP_MARGIN,
            MAX_PAIRING,
            FLUSH_INTERVAL,
            CATCH_UP_FLUSH_INTERVAL,
            QUIET_PARTITION,
            LIVE_LAG,
            SOURCE_IDLENESS,
            CHECKPOINT_INTERVAL,
            CHECKPOINT_DIR,
            CATALOG_FILE,
            TENANTS_FILE,
            VERIFY_NEW_FREEZES,
            VERIFY_REVERIFY_AFTER,
            VERIFY_INTEGRITY_AFTER);

    private EngineOptions() {}
}
