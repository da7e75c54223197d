package io.kpipulse.pipeline;

import io.kpipulse.ingest.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A dead letter on the dead-letter topic: the original bytes, keyed by the Kafka position they came from
 * (consumers deduplicate replays by key), with reason, detail and tenant in headers.
 */
final class DeadLetterSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

    private static final long serialVersionUID = 1L;

    private final String topic;

    DeadLetterSerializer(String topic) {
        this.topic = topic;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
        String position = letter.topic() + "/" + letter.partition() + "/" + letter.offset();
        ProducerRecord<byte[], byte[]> record =
                new ProducerRecord<>(topic, position.getBytes(StandardCharsets.UTF_8), letter.originalBytes());
        record.headers().add(new RecordHeader("reason", letter.reason().name().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("detail", letter.detail().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("tenant", letter.tenantId().getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
