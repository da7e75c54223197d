package io.kpipulse.simulator.sink;

import io.kpipulse.simulator.ProducedRecord;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Produces records with an idempotent producer ({@code acks=all}), so a retry never writes a record twice
 * and records of one key stay in order. The first send failure is kept and rethrown on {@link #flush()}.
 * The record timestamp is the simulated clock when the record is sent: the newest event time sent so far by
 * this sink. So an on-time record carries (about) its own event time, and a late one carries the time it was
 * really sent — which is how the engine tells late records from on-time ones.
 */
public final class KafkaEventSink implements RecordSink {

    private final Producer<byte[], byte[]> producer;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private long clock = Long.MIN_VALUE;

    public KafkaEventSink(String bootstrapServers) {
        this(new KafkaProducer<>(properties(bootstrapServers)));
    }

    /** With the Kafka client's security properties (SASL, TLS; {@code KafkaClientOptions.clientProperties}). */
    public KafkaEventSink(String bootstrapServers, java.util.Map<String, String> clientProperties) {
        this(new KafkaProducer<>(properties(bootstrapServers, clientProperties)));
    }

    KafkaEventSink(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    public static Properties properties(String bootstrapServers) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // One request in flight and a patient timeout: when a loaded broker answers late, a resent batch
        // is then always the newest one, which the broker recognises as a duplicate. With several in flight
        // a resent old batch falls outside the broker's dedup window and the partition is refused for good
        // (OutOfOrderSequenceException, seen on a loaded 2-core machine).
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "kpi-simulator");
        return p;
    }

    /** {@link #properties(String)} plus the client's security properties, which never change the delivery ones. */
    public static Properties properties(String bootstrapServers, java.util.Map<String, String> clientProperties) {
        Properties p = properties(bootstrapServers);
        clientProperties.forEach(p::putIfAbsent);
        return p;
    }

    @Override
    public void send(ProducedRecord record) {
        throwIfFailed();
        clock = Math.max(clock, record.eventTime());
        producer.send(
                new ProducerRecord<>(record.topic(), null, clock, record.key(), record.value()), (metadata, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
    }

    @Override
    public void flush() {
        producer.flush();
        throwIfFailed();
    }

    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }

    private void throwIfFailed() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("producing to Kafka failed: " + e.getMessage(), e);
        }
    }
}
