package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** An alert transition on {@code kpi.alerts}: JSON, keyed by its idempotency key (the dispatcher dedups by it). */
public final class AlertTransitionSerializer implements KafkaRecordSerializationSchema<AlertTransition> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    public AlertTransitionSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(AlertTransition t, KafkaSinkContext context, Long timestamp) {
        return new ProducerRecord<>(
                topic,
                t.idempotencyKey().getBytes(StandardCharsets.UTF_8),
                AlertTransitionJson.write(t).getBytes(StandardCharsets.UTF_8));
    }
}
