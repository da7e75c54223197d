package io.kpipulse.kafka.local;

import static io.kpipulse.kafka.local.KafkaRoundTripTest.bytes;
import static io.kpipulse.kafka.local.KafkaRoundTripTest.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses its own broker (not the shared one) because it stops and restarts it. */
class LocalKafkaBrokerRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void restartOnTheSameDataDirKeepsCommittedRecordsOffsetsAndClusterId() throws Exception {
        String topic = "restart-events";
        String clusterId;
        LocalKafkaBroker.Builder builder = LocalKafkaBroker.builder().dataDir(dataDir);
        try (LocalKafkaBroker broker = builder.start()) {
            System.out.printf(
                    "first start (format + start): %d ms%n",
                    broker.startupTime().toMillis());
            clusterId = broker.clusterId();
            broker.createTopic(topic, 2, false);
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties(broker))) {
                producer.initTransactions();
                producer.beginTransaction();
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>(topic, bytes("k" + i), bytes("v" + i)));
                }
                producer.commitTransaction();
            }
            commitOffset(broker, new TopicPartition(topic, 0), 42);
        }

        // The restart also exercises a class path too long for one command-line argument (an @argument file).
        StringBuilder longClasspath = new StringBuilder(System.getProperty("java.class.path"));
        for (int i = 0; i < 2_000; i++) {
            longClasspath
                    .append(File.pathSeparator)
                    .append("/nonexistent/padding/entry-")
                    .append(i)
                    .append(".jar");
        }
        try (LocalKafkaBroker broker =
                builder.classpath(longClasspath.toString()).start()) {
            System.out.printf("restart: %d ms%n", broker.startupTime().toMillis());
            assertTrue(Files.exists(dataDir.resolve("broker-classpath.args")));
            assertEquals(clusterId, broker.clusterId());
            Properties consumer = consumerProperties(broker, null);
            List<ConsumerRecord<byte[], byte[]>> records =
                    KafkaExtension.readAll(topic, consumer, Duration.ofSeconds(30));
            assertEquals(100, records.size());
            assertEquals(
                    100, records.stream().map(r -> string(r.value())).distinct().count());
            try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(broker, "restart-group"))) {
                TopicPartition tp = new TopicPartition(topic, 0);
                assertEquals(
                        42,
                        c.committed(java.util.Set.of(tp), Duration.ofSeconds(30))
                                .get(tp)
                                .offset());
            }
        }
        assertTrue(
                Files.readString(dataDir.resolve(LocalKafkaBroker.LOG_FILE)).contains("Kafka Server started"),
                "the broker's own log reaches broker.log");
    }

    @Test
    void failedStartReportsTheTailOfTheBrokerLog(@TempDir Path otherDir) throws Exception {
        // A malformed broker property makes kafka.Kafka exit at once.
        LocalKafkaBroker.Builder builder =
                LocalKafkaBroker.builder().dataDir(otherDir).brokerProperty("num.network.threads", "not-a-number");
        IllegalStateException e = assertThrows(IllegalStateException.class, builder::start);
        assertTrue(e.getMessage().contains("num.network.threads"), e.getMessage());
        assertFalse(e.getMessage().isBlank());
    }

    @Test
    void classPathWithoutKafkaIsRejectedWithAClearMessage() {
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> LocalKafkaBroker.builder()
                        .dataDir(dataDir)
                        .classpath("/nonexistent/only.jar")
                        .start());
        assertTrue(e.getMessage().contains("kafka/Kafka.class"), e.getMessage());
    }

    @Test
    void takenPortIsReportedBeforeLaunching() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            IllegalStateException e = assertThrows(
                    IllegalStateException.class,
                    () -> LocalKafkaBroker.builder()
                            .dataDir(dataDir)
                            .port(taken.getLocalPort())
                            .start());
            assertTrue(e.getMessage().contains("already in use"), e.getMessage());
        }
    }

    private static Properties producerProperties(LocalKafkaBroker broker) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "restart-tx");
        return props;
    }

    private static Properties consumerProperties(LocalKafkaBroker broker, String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return props;
    }

    private static void commitOffset(LocalKafkaBroker broker, TopicPartition tp, long offset) {
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(consumerProperties(broker, "restart-group"))) {
            c.assign(List.of(tp));
            c.commitSync(Map.of(tp, new OffsetAndMetadata(offset)), Duration.ofSeconds(30));
        }
    }
}
