package io.kpipulse.ingest;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceEvent;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kafka source reader that declares a split idle only when {@link CaughtUpSplits} says so, with a watermark
 * at the newest event time read from it, and active again at its next record. Looks the end offsets up asynchronously with its own admin client, and asks to
 * be polled at least every {@link #TICK_MILLIS} so that a reader with nothing to read still decides.
 */
final class IdleWhenCaughtUpReader implements SourceReader<RawRecord, KafkaPartitionSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(IdleWhenCaughtUpReader.class);
    static final long TICK_MILLIS = 200;

    private final SourceReader<RawRecord, KafkaPartitionSplit> kafka;
    private final Supplier<Admin> adminFactory;
    private final CaughtUpSplits splits;
    private final LongSupplier clock;

    private Admin admin;
    private ReaderOutput<RawRecord> main;
    private SplitTrackingOutput tracking;
    private KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> ends;
    private KafkaFuture<Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo>> earliest;
    private long probeStartedAt;

    IdleWhenCaughtUpReader(
            SourceReader<RawRecord, KafkaPartitionSplit> kafka,
            Supplier<Admin> adminFactory,
            CaughtUpSplits splits,
            LongSupplier clock) {
        this.kafka = kafka;
        this.adminFactory = adminFactory;
        this.splits = splits;
        this.clock = clock;
    }

    @Override
    public void start() {
        admin = adminFactory.get();
        kafka.start();
    }

    @Override
    public InputStatus pollNext(ReaderOutput<RawRecord> output) throws Exception {
        if (output != main) {
            main = output;
            tracking = new SplitTrackingOutput(output);
        }
        InputStatus status = kafka.pollNext(tracking);
        decideIdleness();
        return status;
    }

    private void decideIdleness() {
        long now = clock.getAsLong();
        if (ends != null && ends.isDone() && earliest.isDone()) {
            try {
                splits.probed(offsets(ends.get()), offsets(earliest.get()), probeStartedAt);
            } catch (Exception e) {
                // A failed look-up only delays idleness: the partitions keep holding the watermark back.
                LOG.debug("end offsets not looked up", e);
            }
            ends = null;
        }
        if (ends == null) {
            Set<TopicPartition> probe = splits.toProbe(now);
            if (!probe.isEmpty()) {
                ListOffsetsOptions committed = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                Map<TopicPartition, OffsetSpec> first = new HashMap<>();
                probe.forEach(p -> {
                    latest.put(p, OffsetSpec.latest());
                    first.put(p, OffsetSpec.earliest());
                });
                probeStartedAt = now;
                ends = admin.listOffsets(latest, committed).all();
                earliest = admin.listOffsets(first, committed).all();
            }
        }
        if (main != null) {
            for (CaughtUpSplits.IdleSplit split : splits.becomeIdle(now)) {
                SourceOutput<RawRecord> output = main.createOutputForSplit(split.splitId()); // its existing output
                if (split.watermark() != Long.MIN_VALUE) {
                    output.emitWatermark(new Watermark(split.watermark()));
                }
                output.markIdle();
            }
        }
    }

    private static Map<TopicPartition, Long> offsets(
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> info) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        info.forEach((p, i) -> offsets.put(p, i.offset()));
        return offsets;
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        // Polled again after a tick even with nothing to read, so that quiet splits are decided.
        return kafka.isAvailable()
                .applyToEither(
                        CompletableFuture.runAsync(
                                () -> {}, CompletableFuture.delayedExecutor(TICK_MILLIS, TimeUnit.MILLISECONDS)),
                        ignored -> null);
    }

    @Override
    public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
        return kafka.snapshotState(checkpointId);
    }

    @Override
    public void addSplits(List<KafkaPartitionSplit> added) {
        long now = clock.getAsLong();
        for (KafkaPartitionSplit split : added) {
            splits.add(split.splitId(), split.getTopicPartition(), split.getStartingOffset(), now);
        }
        kafka.addSplits(added);
    }

    @Override
    public void notifyNoMoreSplits() {
        kafka.notifyNoMoreSplits();
    }

    @Override
    public void handleSourceEvents(SourceEvent event) {
        kafka.handleSourceEvents(event);
    }

    @Override
    public void notifyCheckpointComplete(long checkpointId) throws Exception {
        kafka.notifyCheckpointComplete(checkpointId);
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) throws Exception {
        kafka.notifyCheckpointAborted(checkpointId);
    }

    @Override
    public void pauseOrResumeSplits(Collection<String> toPause, Collection<String> toResume) {
        kafka.pauseOrResumeSplits(toPause, toResume);
    }

    @Override
    public void close() throws Exception {
        try {
            kafka.close();
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
        }
    }

    /** The reader's output, noting every split's records; a split's own output is the main output's. */
    private final class SplitTrackingOutput implements ReaderOutput<RawRecord> {
        private final ReaderOutput<RawRecord> output;
        private final Map<String, SourceOutput<RawRecord>> bySplit = new HashMap<>();

        SplitTrackingOutput(ReaderOutput<RawRecord> output) {
            this.output = output;
        }

        @Override
        public void collect(RawRecord record) {
            output.collect(record);
        }

        @Override
        public void collect(RawRecord record, long timestamp) {
            output.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            output.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            output.markIdle();
        }

        @Override
        public void markActive() {
            output.markActive();
        }

        @Override
        public SourceOutput<RawRecord> createOutputForSplit(String splitId) {
            return bySplit.computeIfAbsent(splitId, id -> new SplitOutput(id, output.createOutputForSplit(id)));
        }

        @Override
        public void releaseOutputForSplit(String splitId) {
            bySplit.remove(splitId);
            splits.remove(splitId);
            output.releaseOutputForSplit(splitId);
        }
    }

    private final class SplitOutput implements SourceOutput<RawRecord> {
        private final String splitId;
        private final SourceOutput<RawRecord> output;

        SplitOutput(String splitId, SourceOutput<RawRecord> output) {
            this.splitId = splitId;
            this.output = output;
        }

        private void noted(RawRecord record) {
            if (splits.recorded(splitId, record.offset(), record.time(), clock.getAsLong())) {
                output.markActive();
            }
        }

        @Override
        public void collect(RawRecord record) {
            noted(record);
            output.collect(record);
        }

        @Override
        public void collect(RawRecord record, long timestamp) {
            noted(record);
            output.collect(record, timestamp);
        }

        @Override
        public void emitWatermark(Watermark watermark) {
            output.emitWatermark(watermark);
        }

        @Override
        public void markIdle() {
            output.markIdle();
        }

        @Override
        public void markActive() {
            output.markActive();
        }
    }
}
