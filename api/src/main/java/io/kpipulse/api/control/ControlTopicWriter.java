package io.kpipulse.api.control;

import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.events.SourceTopics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to the compacted control topic the running engine follows, one at a time and waiting for the
 * broker's acknowledgement (idempotent, all replicas), so a route that answers 2xx after {@link #send} knows
 * the engine will see the record.
 */
public final class ControlTopicWriter implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /** @param clientProperties security settings of an external Kafka (KafkaClientOptions), applied first */
    public ControlTopicWriter(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix) {
        Properties p = KafkaClientOptions.asProperties(clientProperties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("enable.idempotence", "true");
        p.setProperty("acks", "all");
        p.setProperty("delivery.timeout.ms", "10000");
        p.setProperty("request.timeout.ms", "5000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topicPrefix + SourceTopics.CONTROL;
    }

    /**
     * @param value the record's text, or null for a tombstone (compaction then drops the key)
     * @param what what the record is, for the error ("an alert rule")
     * @throws IllegalStateException when the broker did not acknowledge it in time
     */
    public void send(String key, String value, String what) {
        try {
            producer.send(new ProducerRecord<>(
                            topic,
                            key.getBytes(StandardCharsets.UTF_8),
                            value == null ? null : value.getBytes(StandardCharsets.UTF_8)))
                    .get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the control topic did not accept " + what + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
