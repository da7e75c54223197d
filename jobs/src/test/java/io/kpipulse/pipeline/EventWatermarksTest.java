package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.tenants.TenantRegistry;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/**
 * The event topics' watermark strategy declares no partition idle on its own account: processing-time
 * idleness let a partition still being read (a starved reader, a backlog after a restore) be skipped, the
 * watermark overtake its records and admission turn them late or dead-letter work events ahead of their
 * hires. The source decides idleness from the partitions' end offsets instead (IdleWhenCaughtUpReaderTest).
 */
class EventWatermarksTest {

    private long activity;
    private int idleMarks;

    @Test
    void aPartitionQuietForLongIsNotDeclaredIdleByTheWatermarkStrategy() {
        EngineConfig config = new EngineConfig(
                Duration.ofSeconds(1),
                Duration.ofMinutes(1),
                Duration.ofHours(1),
                Duration.ofDays(400),
                Duration.ofMillis(100),
                Duration.ofMillis(100),
                Duration.ofMillis(200),
                Duration.ofSeconds(10),
                Duration.ofSeconds(2),
                1,
                "");
        IndicatorPipeline pipeline = new IndicatorPipeline(
                config,
                CatalogUpdate.of(CatalogYaml.templateLibraryText()),
                TenantRegistry.parse("tenants: [{id: t1}]"));
        WatermarkGenerator<RawRecord> generator = pipeline.watermarks().createWatermarkGenerator(new Context());
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {}

            @Override
            public void markIdle() {
                idleMarks++;
            }

            @Override
            public void markActive() {}
        };
        long historical = 1_772_000_000_000L; // far behind the wall clock: a backlog, never "live"
        generator.onEvent(
                new RawRecord("kpi.events.org", 0, 0, "t1|e-1", new byte[0], historical, historical),
                historical,
                output);
        for (int tick = 0; tick < 300; tick++) { // 60 s of input activity without a record, 30 × the idleness
            activity += 200;
            generator.onPeriodicEmit(output);
        }
        assertEquals(0, idleMarks);
    }

    private final class Context implements WatermarkGeneratorSupplier.Context {
        @Override
        public MetricGroup getMetricGroup() {
            return new UnregisteredMetricsGroup();
        }

        @Override
        public RelativeClock getInputActivityClock() {
            return new RelativeClock() {
                @Override
                public long relativeTimeMillis() {
                    return activity;
                }

                @Override
                public long relativeTimeNanos() {
                    return activity * 1_000_000;
                }
            };
        }
    }
}
