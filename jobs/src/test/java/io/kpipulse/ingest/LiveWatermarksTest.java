package io.kpipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.util.clock.RelativeClock;
import org.junit.jupiter.api.Test;

/** When a partition's watermark may move with the wall clock, and when it must wait for its records. */
class LiveWatermarksTest {

    private static final long OUT_OF_ORDERNESS = 1_000;
    private static final long QUIET = 200;
    private static final long LIVE_LAG = 10_000;
    private static final long NOW = 1_772_000_000_000L;

    /** The input-activity clock: stands still while the source is backpressured. */
    private long activity;

    private long wall = NOW;
    private final List<Long> emitted = new ArrayList<>();
    private final WatermarkOutput output = new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
            emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
    };
    private final LiveWatermarks<String> generator = new LiveWatermarks<>(
            OUT_OF_ORDERNESS,
            QUIET,
            LIVE_LAG,
            new RelativeClock() {
                @Override
                public long relativeTimeMillis() {
                    return activity;
                }

                @Override
                public long relativeTimeNanos() {
                    return activity * 1_000_000;
                }
            },
            () -> wall);

    private void pass(long millis, boolean inputActive) {
        wall += millis;
        if (inputActive) {
            activity += millis;
        }
    }

    private long last() {
        return emitted.get(emitted.size() - 1);
    }

    @Test
    void aPartitionWithRecordsTrailsItsNewestEventByTheBound() {
        generator.onEvent("a", NOW - 50, output);
        generator.onEvent("b", NOW - 300, output);
        generator.onPeriodicEmit(output);

        assertEquals(NOW - 50 - OUT_OF_ORDERNESS - 1, last());
    }

    @Test
    void aQuietLivePartitionMovesWithTheWallClock() {
        generator.onEvent("a", NOW - 50, output);
        pass(QUIET - 1, true);
        generator.onPeriodicEmit(output);
        assertEquals(NOW - 50 - OUT_OF_ORDERNESS - 1, last(), "not quiet yet");

        pass(5_000, true);
        generator.onPeriodicEmit(output);
        // Anything still to come is received from now on, so its event time is at least now − quiet − bound.
        assertEquals(wall - QUIET - OUT_OF_ORDERNESS - 1, last());
    }

    @Test
    void aLivePartitionQuietLongerThanTheLiveLagKeepsMovingWithTheWallClock() {
        // A rare event type at a few events a second: live when read, then nothing for a minute.
        generator.onEvent("a", NOW - 50, output);
        pass(60_000, true);
        generator.onPeriodicEmit(output);

        assertEquals(wall - QUIET - OUT_OF_ORDERNESS - 1, last(), "its silence is no backlog");
    }

    @Test
    void aBackpressuredPartitionIsNeverTakenForQuiet() {
        generator.onEvent("a", NOW - 50, output);
        pass(5_000, false);
        generator.onPeriodicEmit(output);

        assertEquals(NOW - 50 - OUT_OF_ORDERNESS - 1, last(), "unread records may be waiting behind the backpressure");
    }

    @Test
    void aPartitionCatchingUpOnOldEventsKeepsToItsRecords() {
        long march = NOW - 200L * 86_400_000L;
        generator.onEvent("old", march, output);
        pass(5_000, true);
        generator.onPeriodicEmit(output);

        assertEquals(
                march - OUT_OF_ORDERNESS - 1, last(), "a backlog is released in event-time order, not by the clock");
    }

    @Test
    void aPartitionReadJustBeyondTheLiveLagKeepsToItsRecords() {
        // Read 11 s after it happened: the tail of a backlog, whose next records may be older than the clock says.
        generator.onEvent("behind", NOW - LIVE_LAG - 1_000, output);
        pass(5_000, true);
        generator.onPeriodicEmit(output);

        assertEquals(NOW - LIVE_LAG - 1_000 - OUT_OF_ORDERNESS - 1, last(), "read behind the live lag: a backlog");
    }

    @Test
    void theWatermarkNeverGoesBackAndWaitsForAFirstRecord() {
        generator.onPeriodicEmit(output);
        assertEquals(List.of(), emitted, "no record, no claim");

        generator.onEvent("a", NOW, output);
        pass(1_000, true);
        generator.onPeriodicEmit(output);
        long advanced = last();
        generator.onEvent("delayed", NOW - 900, output);
        generator.onPeriodicEmit(output);

        assertEquals(advanced, last());
        assertEquals(1, emitted.size(), "an unchanged watermark is not emitted again");
    }
}
