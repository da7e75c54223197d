package io.kpipulse.testing;

import io.kpipulse.pipeline.EngineConfig;
import java.time.Duration;

/**
 * The engine settings of the pipeline tests that run bounded inputs on a MiniCluster: 1 min allowed lateness,
 * 400 days of pairing, 100 ms flushes, a 200 ms quiet partition, 10 s live lag, 5 s idleness, parallelism 2, no
 * topic prefix; what a test varies is the out-of-orderness bound and the dedup margin (with the lateness, the
 * horizon).
 */
public final class TestEngineConfigs {

    private TestEngineConfigs() {}

    public static EngineConfig bounded(Duration outOfOrderness, Duration dedupMargin) {
        return new EngineConfig(
                outOfOrderness,
                Duration.ofMinutes(1),
                dedupMargin,
                Duration.ofDays(400),
                Duration.ofMillis(100),
                Duration.ofMillis(100),
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                2,
                "");
    }
}
