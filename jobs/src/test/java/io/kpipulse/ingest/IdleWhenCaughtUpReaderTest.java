package io.kpipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.InputStatus;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A backlogged partition is never declared idle, however long the reader leaves it waiting; an empty or
 * fully read one is, once quiet, a read one with its watermark at its newest event time; a record makes it
 * active again. The end offsets come from a real broker;
 * the Kafka reader underneath is played by a script that hands out one partition's records while another
 * partition's records wait their turn (a starved reader catching up on a backlog).
 */
class IdleWhenCaughtUpReaderTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final long IDLENESS = 1_000;

    private long now;
    private final Queue<Map.Entry<String, RawRecord>> script = new ArrayDeque<>();
    private final Set<String> idle = new HashSet<>();
    private final Map<String, Integer> activations = new HashMap<>();
    private final Map<String, List<String>> signals = new HashMap<>();

    @Test
    void aPartitionWithUnreadRecordsIsNeverIdleAndAReadOrEmptyOneIsOnceQuiet() throws Exception {
        String topic = KAFKA.uniqueTopic("idle");
        KAFKA.createTopic(topic, 3);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < 5; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1}))
                        .get();
            }
            for (int i = 0; i < 3; i++) {
                producer.send(new ProducerRecord<>(topic, 1, null, new byte[] {1}))
                        .get();
            }
        }
        String read = topic + "-0";
        String backlogged = topic + "-1";
        String empty = topic + "-2";
        try (IdleWhenCaughtUpReader reader = new IdleWhenCaughtUpReader(
                new ScriptedKafkaReader(),
                () -> Admin.create(KAFKA.adminProperties()),
                new CaughtUpSplits(IDLENESS),
                () -> now)) {
            ReaderOutput<RawRecord> output = new RecordingOutput();
            reader.start();
            reader.addSplits(List.of(
                    new KafkaPartitionSplit(new TopicPartition(topic, 0), 0),
                    new KafkaPartitionSplit(new TopicPartition(topic, 1), 0),
                    new KafkaPartitionSplit(new TopicPartition(topic, 2), 0)));
            // Partition 0's records are handed out one every 300 ms; partition 1's wait.
            for (int offset = 0; offset < 5; offset++) {
                script.add(Map.entry(read, record(topic, 0, offset)));
                pollFor(reader, output, 300);
            }
            // Quiet for five idleness timeouts: the read and the empty partition go idle, the backlogged one not.
            await(reader, output, () -> idle.contains(read) && idle.contains(empty));
            pollFor(reader, output, 5 * IDLENESS);
            assertFalse(idle.contains(backlogged), "a partition with unread records is not idle");

            for (int offset = 0; offset < 3; offset++) {
                script.add(Map.entry(backlogged, record(topic, 1, offset)));
            }
            pollFor(reader, output, 100);
            await(reader, output, () -> idle.contains(backlogged));

            script.add(Map.entry(read, record(topic, 0, 5)));
            pollFor(reader, output, 100);
            assertFalse(idle.contains(read), "a record makes the partition active again");
            assertEquals(1, activations.getOrDefault(read, 0));
            assertTrue(idle.contains(empty));
        }
    }

    /**
     * The defect this reproduces: after a start or restore slower than the live lag, the partition never counts as
     * live, so its watermark stayed out-of-orderness short of its newest event when it went idle, and that event
     * (and every value and alert it makes) waited for the next record on the topics.
     */
    @Test
    void aPartitionReadToItsEndGoesIdleWithItsWatermarkAtItsNewestEventTime() throws Exception {
        String topic = KAFKA.uniqueTopic("end");
        KAFKA.createTopic(topic, 2);
        produce(topic, 3);
        String read = topic + "-0";
        String empty = topic + "-1";
        long backlog = 1_772_000_000_000L; // far behind the wall clock: never "live"
        try (IdleWhenCaughtUpReader reader = new IdleWhenCaughtUpReader(
                new ScriptedKafkaReader(),
                () -> Admin.create(KAFKA.adminProperties()),
                new CaughtUpSplits(IDLENESS),
                () -> now)) {
            ReaderOutput<RawRecord> output = new RecordingOutput();
            reader.start();
            reader.addSplits(List.of(
                    new KafkaPartitionSplit(new TopicPartition(topic, 0), 0),
                    new KafkaPartitionSplit(new TopicPartition(topic, 1), 0)));
            // Out of order within the bound: the newest event is not the last record.
            script.add(Map.entry(read, record(topic, 0, 0, backlog)));
            script.add(Map.entry(read, record(topic, 0, 1, backlog + 2_000)));
            script.add(Map.entry(read, record(topic, 0, 2, backlog + 1_500)));
            pollFor(reader, output, 100);
            assertEquals(List.of(), signals.getOrDefault(read, List.of()), "nothing while records come");

            await(reader, output, () -> idle.contains(read) && idle.contains(empty));
            assertEquals(List.of("watermark " + (backlog + 2_000), "idle"), signals.get(read));
            assertEquals(List.of("idle"), signals.get(empty), "nothing read, no claim about its events");

            produce(topic, 1);
            script.add(Map.entry(read, record(topic, 0, 3, backlog + 9_000)));
            pollFor(reader, output, 100);
            await(reader, output, () -> idle.contains(read));
            assertEquals(
                    List.of(
                            "watermark " + (backlog + 2_000),
                            "idle",
                            "active",
                            "watermark " + (backlog + 9_000),
                            "idle"),
                    signals.get(read));
        }
    }

    private static void produce(String topic, int records) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < records; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, new byte[] {1}))
                        .get();
            }
        }
    }

    private static RawRecord record(String topic, int partition, long offset) {
        return record(topic, partition, offset, 0);
    }

    private static RawRecord record(String topic, int partition, long offset, long eventTime) {
        return new RawRecord(topic, partition, offset, "t1|e-1", new byte[] {1}, eventTime, eventTime);
    }

    /** Polls while the clock moves {@code millis} on, in ticks. */
    private void pollFor(IdleWhenCaughtUpReader reader, ReaderOutput<RawRecord> output, long millis) throws Exception {
        for (long passed = 0; passed < millis; passed += 50) {
            reader.pollNext(output);
            now += 50;
        }
        reader.pollNext(output);
    }

    /** Polls, the clock moving on, until {@code condition} holds (the look-ups take real time). */
    private void await(IdleWhenCaughtUpReader reader, ReaderOutput<RawRecord> output, BooleanSupplier condition)
            throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            pollFor(reader, output, 50);
            Thread.sleep(20);
        }
    }

    /** Flink's Kafka reader, played by a script of records per split. */
    private final class ScriptedKafkaReader implements SourceReader<RawRecord, KafkaPartitionSplit> {
        @Override
        public void start() {}

        @Override
        public InputStatus pollNext(ReaderOutput<RawRecord> output) {
            Map.Entry<String, RawRecord> next = script.poll();
            if (next == null) {
                return InputStatus.NOTHING_AVAILABLE;
            }
            output.createOutputForSplit(next.getKey()).collect(next.getValue(), 0);
            return InputStatus.MORE_AVAILABLE;
        }

        @Override
        public List<KafkaPartitionSplit> snapshotState(long checkpointId) {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> isAvailable() {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void addSplits(List<KafkaPartitionSplit> splits) {}

        @Override
        public void notifyNoMoreSplits() {}

        @Override
        public void close() {}
    }

    /** The source operator's output: which splits are idle. */
    private final class RecordingOutput implements ReaderOutput<RawRecord> {
        @Override
        public void collect(RawRecord record) {}

        @Override
        public void collect(RawRecord record, long timestamp) {}

        @Override
        public void emitWatermark(Watermark watermark) {}

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}

        @Override
        public SourceOutput<RawRecord> createOutputForSplit(String splitId) {
            return new SourceOutput<>() {
                @Override
                public void collect(RawRecord record) {}

                @Override
                public void collect(RawRecord record, long timestamp) {}

                @Override
                public void emitWatermark(Watermark watermark) {
                    signal("watermark " + watermark.getTimestamp());
                }

                @Override
                public void markIdle() {
                    idle.add(splitId);
                    signal("idle");
                }

                @Override
                public void markActive() {
                    idle.remove(splitId);
                    activations.merge(splitId, 1, Integer::sum);
                    signal("active");
                }

                private void signal(String what) {
                    signals.computeIfAbsent(splitId, id -> new ArrayList<>()).add(what);
                }
            };
        }

        @Override
        public void releaseOutputForSplit(String splitId) {}
    }
}
