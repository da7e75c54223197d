package io.kpipulse.api.calendars;

import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
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
 * Publishes calendar versions on the compacted control topic, keyed {@code calendar/<tenant>/<year>/<version>}
 * (a key per version, so compaction keeps every version a replay needs). Waits for the broker's
 * acknowledgement, so a 2xx answer means the running engine will see the version.
 */
public final class CalendarPublisher implements CalendarPublication, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /** @param clientProperties security settings of an external Kafka (KafkaClientOptions), applied first */
    public CalendarPublisher(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix) {
        Properties p = KafkaClientOptions.asProperties(clientProperties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("enable.idempotence", "true");
        p.setProperty("acks", "all");
        p.setProperty("delivery.timeout.ms", "10000");
        p.setProperty("request.timeout.ms", "5000");
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topic = topicPrefix + SourceTopics.CONTROL;
    }

    @Override
    public void publish(CalendarVersion version) {
        try {
            producer.send(new ProducerRecord<>(
                            topic,
                            version.controlKey().getBytes(StandardCharsets.UTF_8),
                            CalendarVersionJson.write(version).getBytes(StandardCharsets.UTF_8)))
                    .get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing a calendar version", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(
                    "the control topic did not accept the calendar version: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
