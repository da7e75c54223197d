package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.simulator.faults.FaultShares;
import io.kpipulse.simulator.sink.InMemorySink;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.sink.Pacer;
import io.kpipulse.simulator.sink.RecordPublisher;
import io.kpipulse.simulator.sink.TopicCreator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A month of a 2,000-employee company through a real KRaft broker comes back byte for byte. */
class KafkaRoundTripTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void producedMonthReadsBackAsTheSameBytesAsTheInMemorySink() {
        SimulationResult result =
                Simulation.run(SimulationConfig.defaults().withSize(1, 2000, 40).withFaults(FaultShares.demo()));
        // Topics of this test only: the broker is shared with other test classes of the JVM.
        String prefix = KAFKA.uniqueTopic("sim") + ".";
        List<ProducedRecord> records = result.records().stream()
                .map(r -> new ProducedRecord(prefix + r.topic(), r.key(), r.value(), r.eventTime(), r.fault()))
                .toList();
        List<String> topics =
                SourceTopics.eventTopics().stream().map(t -> prefix + t).toList();
        assertEquals(topics.stream().sorted().toList(), TopicCreator.ensureTopics(KAFKA.bootstrapServers(), topics, 4));
        assertEquals(List.of(), TopicCreator.ensureTopics(KAFKA.bootstrapServers(), topics, 4), "idempotent");

        InMemorySink memory = new InMemorySink();
        RecordPublisher.publish(records, memory, Pacer.system(0, 0));
        RecordPublisher.Summary summary;
        try (KafkaEventSink kafka = new KafkaEventSink(KAFKA.bootstrapServers())) {
            summary = RecordPublisher.publish(records, kafka, Pacer.system(0, 0));
        }
        assertEquals(records.size(), summary.total());

        List<ConsumerRecord<byte[], byte[]>> consumed = new ArrayList<>();
        for (String topic : topics) {
            consumed.addAll(KAFKA.readAll(topic, Duration.ofSeconds(60)));
        }
        assertEquals(memory.records().size(), consumed.size());
        // Kafka keeps order per partition, hence per key: compare the sequence of values of every key.
        Map<String, List<String>> expected = new TreeMap<>();
        memory.records()
                .forEach(r -> expected.computeIfAbsent(r.topic() + " " + hex(r.key()), k -> new ArrayList<>())
                        .add(hex(r.value())));
        Map<String, List<String>> actual = new TreeMap<>();
        consumed.forEach(r -> actual.computeIfAbsent(r.topic() + " " + hex(r.key()), k -> new ArrayList<>())
                .add(hex(r.value())));
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertEquals(v, actual.get(k), k));
        assertTrue(consumed.stream().allMatch(r -> r.timestamp() > 0));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
