package io.kpipulse.kafka.local;

import static io.kpipulse.kafka.local.KafkaRoundTripTest.bytes;
import static io.kpipulse.kafka.local.KafkaRoundTripTest.string;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CompactedTopicTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void compactedTopicIsCreatedWithCompactCleanupPolicy() throws Exception {
        String topic = KAFKA.uniqueTopic("control");
        KAFKA.createCompactedTopic(topic, 1);

        try (Admin admin = Admin.create(KAFKA.adminProperties())) {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            Config config = admin.describeConfigs(List.of(resource))
                    .all()
                    .get(10, TimeUnit.SECONDS)
                    .get(resource);
            assertEquals(
                    TopicConfig.CLEANUP_POLICY_COMPACT,
                    config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value());
        }
    }

    @Test
    void compactionKeepsTheLatestValuePerKey() {
        String topic = KAFKA.uniqueTopic("control-compaction");
        // Short segments and an eager cleaner so compaction runs within seconds.
        KAFKA.createTopic(
                topic,
                1,
                Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                        TopicConfig.SEGMENT_MS_CONFIG, "100",
                        TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.01",
                        TopicConfig.MIN_COMPACTION_LAG_MS_CONFIG, "0"));

        int keys = 10;
        int versions = 20;
        Map<String, String> latest = new HashMap<>();
        Instant deadline = Instant.now().plusSeconds(40);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            for (int v = 0; v < versions; v++) {
                for (int k = 0; k < keys; k++) {
                    String key = "indicator-" + k;
                    String value = key + "/v" + v;
                    latest.put(key, value);
                    producer.send(new ProducerRecord<>(topic, bytes(key), bytes(value)));
                }
            }
            producer.flush();

            // The active segment is never compacted: keep appending a marker so segments roll (segment.ms)
            // and the cleaner gets a closed, dirty segment; read back until old versions are gone.
            for (int round = 0; ; round++) {
                producer.send(new ProducerRecord<>(topic, bytes("roll-marker"), bytes("round-" + round)));
                producer.flush();
                List<ConsumerRecord<byte[], byte[]>> records = KAFKA.readAll(topic, Duration.ofSeconds(10));
                Map<String, Long> versionsPerKey = new HashMap<>();
                Map<String, String> lastValue = new HashMap<>();
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    String key = string(r.key());
                    if (key.startsWith("indicator-")) {
                        versionsPerKey.merge(key, 1L, Long::sum);
                        lastValue.put(key, string(r.value()));
                    }
                }
                assertEquals(latest, lastValue, "the latest value of every key is always readable");
                if (versionsPerKey.values().stream().allMatch(n -> n == 1)) {
                    return; // compacted: exactly the latest value per key is left
                }
                if (Instant.now().isAfter(deadline)) {
                    fail("Not compacted in time; versions per key: " + versionsPerKey);
                }
            }
        }
    }
}
