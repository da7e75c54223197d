package io.kpipulse.testing;

import io.kpipulse.ingest.RawRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/** One watermark per record, so what is late in a pipeline test does not depend on the periodic timer. */
public final class PunctuatedWatermarks {

    private PunctuatedWatermarks() {}

    /** Newest event time seen − {@code outOfOrderness}, emitted after every record. */
    public static WatermarkStrategy<RawRecord> of(Duration outOfOrderness) {
        long lag = outOfOrderness.toMillis();
        return WatermarkStrategy.<RawRecord>forGenerator(ctx -> new WatermarkGenerator<>() {
                    private long max = Long.MIN_VALUE;

                    @Override
                    public void onEvent(RawRecord r, long ts, WatermarkOutput out) {
                        max = Math.max(max, r.time());
                        out.emitWatermark(new Watermark(max - lag));
                    }

                    @Override
                    public void onPeriodicEmit(WatermarkOutput out) {}
                })
                .withTimestampAssigner((r, ts) -> r.time());
    }
}
