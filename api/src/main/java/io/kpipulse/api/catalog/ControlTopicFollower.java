package io.kpipulse.api.catalog;

import io.kpipulse.events.SourceTopics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the compacted control topic on a background thread and offers every catalog record to
 * {@link CatalogVersions}: the topic is read from its beginning (compaction keeps the newest catalog), so
 * a restarted API catches up with the version the engine runs. It reads without a consumer group — every
 * API instance reads everything, nothing to commit. When the broker cannot be reached the API keeps
 * serving the last good catalog, the status says DOWN, and the follower retries.
 */
public final class ControlTopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControlTopicFollower.class);
    private static final Duration POLL = Duration.ofMillis(500);
    /** How often the broker is asked for end offsets: the liveness probe of an otherwise quiet topic. */
    private static final Duration PROBE_EVERY = Duration.ofSeconds(2);

    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final String bootstrapServers;
    /** Security settings of an external Kafka (KafkaClientOptions), applied before the follower's own. */
    private final Map<String, String> clientProperties;

    private final String topic;
    private final CatalogVersions versions;
    private final Clock clock;
    private final AtomicReference<ControlTopicStatus> status;
    private final CountDownLatch stop = new CountDownLatch(1);
    private final Thread thread;
    private volatile KafkaConsumer<String, String> consumer;

    private ControlTopicFollower(
            String bootstrapServers,
            Map<String, String> clientProperties,
            String topic,
            CatalogVersions versions,
            Clock clock) {
        this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        this.clientProperties = Map.copyOf(clientProperties);
        this.topic = Objects.requireNonNull(topic, "topic");
        this.versions = Objects.requireNonNull(versions, "versions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.status = new AtomicReference<>(new ControlTopicStatus("STARTING", topic, null, null));
        this.thread = new Thread(this::run, "kpi-api-control-topic");
        this.thread.setDaemon(true);
    }

    /** Starts following {@code topicPrefix + kpi.control} on a local plaintext broker. */
    public static ControlTopicFollower start(
            String bootstrapServers, String topicPrefix, CatalogVersions versions, Clock clock) {
        return start(bootstrapServers, Map.of(), topicPrefix, versions, clock);
    }

    /** Starts following {@code topicPrefix + kpi.control}, with the client properties of an external Kafka. */
    public static ControlTopicFollower start(
            String bootstrapServers,
            Map<String, String> clientProperties,
            String topicPrefix,
            CatalogVersions versions,
            Clock clock) {
        ControlTopicFollower follower = new ControlTopicFollower(
                bootstrapServers, clientProperties, topicPrefix + SourceTopics.CONTROL, versions, clock);
        follower.thread.start();
        return follower;
    }

    public ControlTopicStatus status() {
        return status.get();
    }

    private void run() {
        while (stop.getCount() > 0) {
            try (KafkaConsumer<String, String> c = new KafkaConsumer<>(properties())) {
                consumer = c;
                follow(c);
            } catch (WakeupException e) {
                return;
            } catch (KafkaException | IllegalStateException e) {
                down(e);
            }
            await(RETRY_AFTER);
        }
    }

    private void follow(KafkaConsumer<String, String> c) {
        List<PartitionInfo> partitions = c.partitionsFor(topic, BROKER_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist");
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
        c.assign(assigned);
        c.seekToBeginning(assigned);
        up();
        Instant probed = clock.instant();
        while (stop.getCount() > 0) {
            for (ConsumerRecord<String, String> r : c.poll(POLL)) {
                if (SourceTopics.CONTROL_CATALOG_KEY.equals(r.key()) && r.value() != null) {
                    versions.offer(r.value(), topic + "-" + r.partition() + "@" + r.offset());
                }
            }
            if (Duration.between(probed, clock.instant()).compareTo(PROBE_EVERY) >= 0) {
                c.endOffsets(assigned, BROKER_TIMEOUT); // throws when the broker cannot be reached
                probed = clock.instant();
                up();
            }
        }
    }

    private void up() {
        ControlTopicStatus before = status.getAndSet(new ControlTopicStatus("UP", topic, clock.instant(), null));
        if (!"UP".equals(before.status())) {
            LOG.info(
                    "following {} at {} (catalog version {})",
                    topic,
                    bootstrapServers,
                    versions.get().version());
        }
    }

    private void down(Exception e) {
        ControlTopicStatus before = status.get();
        status.set(new ControlTopicStatus(
                "DOWN", topic, before.lastContact(), e.getClass().getSimpleName()));
        if (!before.down()) {
            LOG.warn(
                    "cannot follow {} at {}: {}; serving catalog version {} until it is back",
                    topic,
                    bootstrapServers,
                    e.toString(),
                    versions.get().version());
        }
    }

    private void await(Duration pause) {
        try {
            stop.await(pause.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop.countDown();
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "kpi-api-control-topic");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) BROKER_TIMEOUT.toMillis());
        p.put(ConsumerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 2000);
        return p;
    }

    /** Stops the thread (a poll in progress is woken up) and closes the consumer. */
    @Override
    public void close() {
        stop.countDown();
        KafkaConsumer<String, String> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
