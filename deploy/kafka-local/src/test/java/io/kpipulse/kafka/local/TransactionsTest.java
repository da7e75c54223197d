package io.kpipulse.kafka.local;

import static io.kpipulse.kafka.local.KafkaRoundTripTest.bytes;
import static io.kpipulse.kafka.local.KafkaRoundTripTest.string;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TransactionsTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void readCommittedConsumerSeesCommittedRecordsButNotAbortedOnes() {
        String topic = KAFKA.uniqueTopic("transactions");
        KAFKA.createTopic(topic, 2);

        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(KAFKA.transactionalProducerProperties(topic + "-tx"))) {
            producer.initTransactions();
            send(producer, topic, "committed-1", 50);
            producer.commitTransaction();
            send(producer, topic, "aborted", 50);
            producer.flush(); // the aborted records really reach the log before the abort
            producer.abortTransaction();
            send(producer, topic, "committed-2", 50);
            producer.commitTransaction();
        }

        List<String> committed = values(KAFKA.readAll(topic, Duration.ofSeconds(30)));
        assertEquals(100, committed.size());
        assertEquals(
                50, committed.stream().filter(v -> v.startsWith("committed-1/")).count());
        assertEquals(
                50, committed.stream().filter(v -> v.startsWith("committed-2/")).count());

        // The aborted records are in the log: a read_uncommitted consumer sees them.
        Properties uncommitted = KAFKA.consumerProperties("unused");
        uncommitted.remove(ConsumerConfig.GROUP_ID_CONFIG);
        uncommitted.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        List<String> all = values(KafkaExtension.readAll(topic, uncommitted, Duration.ofSeconds(30)));
        assertEquals(50, all.stream().filter(v -> v.startsWith("aborted/")).count());
        assertEquals(150, all.size());
    }

    private static void send(KafkaProducer<byte[], byte[]> producer, String topic, String batch, int count) {
        producer.beginTransaction();
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, bytes("key-" + i), bytes(batch + "/" + i)));
        }
    }

    private static List<String> values(List<ConsumerRecord<byte[], byte[]>> records) {
        return records.stream().map(r -> string(r.value())).toList();
    }
}
