package io.kpipulse.pipeline;

import io.kpipulse.config.Settings;
import java.io.Serializable;
import java.time.Duration;

/** The engine's resolved settings, immutable and validated. */
public record EngineConfig(
        Duration outOfOrderness,
        Duration allowedLateness,
        Duration dedupMargin,
        Duration maxPairing,
        Duration flushInterval,
        Duration catchUpFlushInterval,
        Duration quietPartition,
        Duration liveLag,
        Duration sourceIdleness,
        int parallelism,
        String topicPrefix)
        implements Serializable {

    public EngineConfig {
        requirePositive(flushInterval, "flush interval");
        requirePositive(catchUpFlushInterval, "catch-up flush interval");
        requirePositive(maxPairing, "max pairing");
        requirePositive(quietPartition, "quiet partition time");
        requirePositive(liveLag, "live lag");
        if (outOfOrderness.isNegative() || allowedLateness.isNegative() || dedupMargin.isNegative()) {
            throw new IllegalArgumentException(
                    "out-of-orderness, allowed lateness and dedup margin must not be negative");
        }
        if (topicPrefix == null || topicPrefix.contains("|")) {
            throw new IllegalArgumentException("topic prefix must be set (possibly empty) and without '|'");
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
    }

    public static EngineConfig from(Settings s) {
        return new EngineConfig(
                s.get(EngineOptions.OUT_OF_ORDERNESS),
                s.get(EngineOptions.ALLOWED_LATENESS),
                s.get(EngineOptions.DEDUP_MARGIN),
                s.get(EngineOptions.MAX_PAIRING),
                s.get(EngineOptions.FLUSH_INTERVAL),
                s.get(EngineOptions.CATCH_UP_FLUSH_INTERVAL),
                s.get(EngineOptions.QUIET_PARTITION),
                s.get(EngineOptions.LIVE_LAG),
                s.get(EngineOptions.SOURCE_IDLENESS),
                s.get(EngineOptions.PARALLELISM),
                s.get(EngineOptions.TOPIC_PREFIX));
    }

    /**
     * How far before the watermark an event still changes live values: allowed lateness + dedup margin,
     * exactly as long as its id is remembered, so within it a copy never counts twice. Window state is kept
     * that long past each window; admission classifies anything older as late.
     */
    public Duration horizon() {
        return allowedLateness.plus(dedupMargin);
    }

    /** The topic the engine reads or writes for a product topic name, with the environment's prefix. */
    public String topic(String name) {
        return topicPrefix + name;
    }

    public static EngineConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive");
        }
    }
}
