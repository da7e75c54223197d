package io.kpipulse.api.alerts.delivery;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.events.SourceTopics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alert transitions from {@code kpi.alerts}: every transition to the live listeners (the
 * dashboard's alert panel), FIRING and RESOLVED to the channels of the subject's department subtree —
 * unless a silence mutes them — each exactly once per (idempotency key, channel): a key already delivered
 * (in memory, or in {@code alert_deliveries} after a restart) is skipped, so the job's at-least-once topic
 * and a replay after a restore send nothing twice. Deliveries run on their own threads, so one slow
 * receiver's retries never hold back the others.
 *
 * <p>The consumer's committed offset of a partition never passes a record whose deliveries are still
 * under way (retrying with back-off): an API that stops meanwhile leaves them to the next one, which reads
 * them again and sends what the delivery log does not show as delivered. Between a receiver's 2xx and
 * the log's DELIVERED row a stop can still cause one repeat; it carries the same idempotency key header,
 * which is how a receiver recognises it.
 */
public final class AlertDispatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ChannelStore channels;
    private final SilenceStore silences;
    private final DeliveryLog log;
    private final NotificationRenderer renderer;
    private final ChannelFormats formats = new ChannelFormats();
    private final HttpDelivery http;
    private final MailDelivery mail;
    private final Consumer<AlertTransition> live;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final ExecutorService deliveries = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "alert-delivery");
        t.setDaemon(true);
        return t;
    });
    private final Set<String> settled = ConcurrentHashMap.newKeySet();
    /** Offsets of records with deliveries under way, per partition. */
    private final Map<TopicPartition, ConcurrentSkipListSet<Long>> unsettled = new ConcurrentHashMap<>();
    /** The offset after the last record read, per partition (the loop's thread only). */
    private final Map<TopicPartition, Long> read = new HashMap<>();

    private final Thread loop;
    private volatile boolean running = true;

    private AlertDispatcher(
            KafkaConsumer<byte[], byte[]> consumer,
            ChannelStore channels,
            SilenceStore silences,
            DeliveryLog log,
            NotificationRenderer renderer,
            HttpDelivery http,
            MailDelivery mail,
            Consumer<AlertTransition> live,
            DeliveryMetrics metrics,
            Clock clock) {
        this.consumer = consumer;
        this.channels = channels;
        this.silences = silences;
        this.log = log;
        this.renderer = renderer;
        this.http = http;
        this.mail = mail;
        this.live = live;
        this.metrics = metrics;
        this.clock = clock;
        this.loop = new Thread(this::run, "alert-dispatcher");
        this.loop.setDaemon(true);
    }

    /** Starts consuming {@code <prefix>kpi.alerts} with consumer group {@code groupId}. */
    public static AlertDispatcher start(
            String bootstrapServers,
            Map<String, String> clientProperties,
            String topicPrefix,
            String groupId,
            ChannelStore channels,
            SilenceStore silences,
            DeliveryLog log,
            NotificationRenderer renderer,
            HttpDelivery http,
            MailDelivery mail,
            Consumer<AlertTransition> live,
            DeliveryMetrics metrics,
            Clock clock) {
        // Security settings of an external Kafka (KafkaClientOptions) first; the dispatcher's own win.
        Properties p = KafkaClientOptions.asProperties(clientProperties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("group.id", groupId);
        p.setProperty("auto.offset.reset", "earliest");
        p.setProperty("enable.auto.commit", "false");
        p.setProperty("max.poll.records", "100");
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topicPrefix + SourceTopics.ALERTS));
        AlertDispatcher d =
                new AlertDispatcher(consumer, channels, silences, log, renderer, http, mail, live, metrics, clock);
        d.loop.start();
        return d;
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(r.topic(), r.partition());
                    read.put(partition, r.offset() + 1);
                    dispatch(r, partition);
                }
                commit();
            }
        } catch (WakeupException e) {
            // close() stops the loop
        } finally {
            consumer.close();
        }
    }

    /** Commits, per partition, the first record with deliveries under way, or all that was read. */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        read.forEach((partition, next) -> {
            ConcurrentSkipListSet<Long> open = unsettled.get(partition);
            Long first = open == null || open.isEmpty() ? null : open.first();
            offsets.put(partition, new OffsetAndMetadata(first == null ? next : Math.min(first, next)));
        });
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets);
        }
    }

    private void dispatch(ConsumerRecord<byte[], byte[]> record, TopicPartition partition) {
        AlertTransition t;
        try {
            t = AlertTransitionJson.parse(new String(record.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            LOG.error("skipping an unreadable alert record at offset {}: {}", record.offset(), e.getMessage());
            return;
        }
        try {
            live.accept(t);
            if (t.kind().notifies()) {
                route(t, partition, record.offset());
            }
        } catch (RuntimeException e) {
            // Storage unavailable: the record is skipped, not the dispatcher; its offset is still committed,
            // which is why this is logged as an error with the key.
            LOG.error("could not route alert {}: {}", t.idempotencyKey(), e.getMessage());
        }
    }

    private void route(AlertTransition t, TopicPartition partition, long offset) {
        long now = clock.millis();
        List<Runnable> sends = new ArrayList<>();
        boolean muted = silences.current(t.tenantId(), now).stream()
                .anyMatch(s -> s.mutes(t.ruleId(), t.departmentPath(), now));
        for (AlertChannel channel : channels.list(t.tenantId())) {
            if (!channel.accepts(t.departmentPath(), t.severity())) {
                continue;
            }
            String once = t.idempotencyKey() + "|" + channel.channelId();
            if (!settled.add(once) || log.settled(t.tenantId(), t.idempotencyKey(), channel.channelId())) {
                continue;
            }
            if (muted) {
                record(
                        channel.kind(),
                        new DeliveryAttempt(
                                t.tenantId(),
                                t.idempotencyKey(),
                                channel.channelId(),
                                channel.kind().name(),
                                0,
                                DeliveryStatus.SILENCED,
                                0,
                                "",
                                now));
                continue;
            }
            sends.add(() -> deliver(channel, t, once));
        }
        if (sends.isEmpty()) {
            return;
        }
        ConcurrentSkipListSet<Long> open = unsettled.computeIfAbsent(partition, p -> new ConcurrentSkipListSet<>());
        open.add(offset);
        AtomicInteger remaining = new AtomicInteger(sends.size());
        for (Runnable send : sends) {
            deliveries.execute(() -> {
                try {
                    send.run();
                } finally {
                    // An interrupted delivery (the API stopping) stays unsettled: its record is read again.
                    if (!Thread.currentThread().isInterrupted() && remaining.decrementAndGet() == 0) {
                        open.remove(offset);
                    }
                }
            });
        }
    }

    private void deliver(AlertChannel channel, AlertTransition t, String once) {
        try {
            Notification n = renderer.render(t, channel.language());
            Consumer<DeliveryAttempt> attempts = a -> record(channel.kind(), a);
            boolean accepted = channel.kind() == ChannelKind.EMAIL
                    ? mail.deliver(channel, t.idempotencyKey(), n, attempts)
                    : http.deliver(
                            channel, t.idempotencyKey(), formats.request(channel, t, n, clock.millis()), attempts);
            if (accepted) {
                metrics.delivered(channel.kind(), Duration.ofMillis(clock.millis() - t.emittedAt()));
            } else {
                settled.remove(once); // FAILED: a later replay of the same transition may try again
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            settled.remove(once);
            LOG.error(
                    "delivery of {} to channel {} failed: {}", t.idempotencyKey(), channel.channelId(), e.getMessage());
        }
    }

    private void record(ChannelKind kind, DeliveryAttempt attempt) {
        log.record(attempt);
        metrics.outcome(kind, attempt.status());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            loop.join(10_000);
            // Deliveries waiting out a back-off are not waited for: their records were not committed.
            deliveries.shutdownNow();
            deliveries.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
