package io.kpipulse.kafka.local;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaRoundTripTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    private static final int RECORDS = 10_000;
    private static final int KEYS = 97;

    @Test
    void tenThousandKeyedRecordsComeBackExactlyAndInOrderPerKey() throws Exception {
        String topic = KAFKA.uniqueTopic("round-trip");
        KAFKA.createTopic(topic, 4);

        Map<String, List<String>> sentPerKey = new HashMap<>();
        List<Future<RecordMetadata>> acks = new ArrayList<>(RECORDS);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int i = 0; i < RECORDS; i++) {
                String key = "employee-" + (i % KEYS);
                String value = key + "/seq-" + i + "/premium-" + (i * 37 % 1000);
                sentPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
                acks.add(producer.send(new ProducerRecord<>(topic, bytes(key), bytes(value))));
            }
            producer.flush();
        }
        for (Future<RecordMetadata> ack : acks) {
            ack.get(); // every send succeeded
        }

        List<ConsumerRecord<byte[], byte[]>> received = KAFKA.readAll(topic, Duration.ofSeconds(60));

        assertEquals(RECORDS, received.size());
        Map<String, List<String>> receivedPerKey = new HashMap<>();
        Map<String, Integer> partitionOfKey = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : received) {
            String key = string(record.key());
            receivedPerKey.computeIfAbsent(key, k -> new ArrayList<>()).add(string(record.value()));
            Integer previous = partitionOfKey.putIfAbsent(key, record.partition());
            assertEquals(
                    previous == null ? record.partition() : previous,
                    record.partition(),
                    "all records of " + key + " are in one partition");
        }
        assertEquals(sentPerKey, receivedPerKey); // same values, same order per key
        assertEquals(
                4,
                received.stream().mapToInt(ConsumerRecord::partition).distinct().count());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
