package io.kpipulse.api.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.AlertRuleJson;
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
 * Publishes rule changes on the compacted control topic, keyed {@code alert-rule/<tenant>/<rule>}: the
 * rule's JSON, or a tombstone for a deletion. Waits for the broker's acknowledgement, so a 2xx answer
 * means the running job will see the change.
 */
public final class AlertRulePublisher implements RulePublication, AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /** @param clientProperties security settings of an external Kafka (KafkaClientOptions), applied first */
    public AlertRulePublisher(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix) {
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
    public void publish(AlertRule rule) {
        send(rule.controlKey(), AlertRuleJson.write(rule).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void delete(String tenantId, String ruleId) {
        send(AlertRule.controlKey(tenantId, ruleId), null);
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value))
                    .get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing an alert rule", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the control topic did not accept the alert rule: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
