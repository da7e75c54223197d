package io.kpipulse.kafka.local.testing;

import io.kpipulse.kafka.local.LocalKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * One real Kafka broker per test JVM, shared by every test class that uses this extension.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final KafkaExtension KAFKA = new KafkaExtension();
 *
 * @Test
 * void countsPolicies() {
 *     String topic = KAFKA.uniqueTopic("policies");
 *     KAFKA.createTopic(topic, 4);
 *     try (var producer = new KafkaProducer<byte[], byte[]>(KAFKA.producerProperties())) { ... }
 * }
 * }</pre>
 *
 * <p>The broker ({@link LocalKafkaBroker}, its own JVM, temporary data dir) starts when the first test class
 * using the extension starts, is kept in the root {@link ExtensionContext.Store} and is closed by JUnit at the end
 * of the run (the data dir is deleted then, unless a test using it failed or the broker died). Tests share it, so each test should use its own topics
 * ({@link #uniqueTopic(String)}) and consumer groups. Topics are never auto-created.
 *
 * <p>Also usable as {@code @ExtendWith(KafkaExtension.class)} with a {@link LocalKafkaBroker} test or lifecycle
 * method parameter.
 */
public final class KafkaExtension implements BeforeAllCallback, ParameterResolver, TestWatcher {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(KafkaExtension.class);
    /**
     * System property (or environment variable {@code KPI_KAFKA_KEEP_DATA_DIR}): {@code true} keeps the shared broker's
     * data dir, with its broker.log, after the run.
     */
    public static final String KEEP_DATA_DIR_PROPERTY = "kpi.kafka.keepDataDir";

    private static final AtomicInteger TOPIC_COUNTER = new AtomicInteger();
    private static final String RUN_ID = UUID.randomUUID().toString().substring(0, 8);

    private volatile SharedBroker shared;

    @Override
    public void beforeAll(ExtensionContext context) {
        shared = sharedBroker(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == LocalKafkaBroker.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext)
            throws ParameterResolutionException {
        shared = sharedBroker(extensionContext);
        return shared.broker;
    }

    /** A failed test keeps the broker's data dir (and broker.log) for a look afterwards. */
    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        SharedBroker s = shared;
        if (s != null) {
            s.keep = true;
        }
    }

    private static SharedBroker sharedBroker(ExtensionContext context) {
        return context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(SharedBroker.class, type -> SharedBroker.start(), SharedBroker.class);
    }

    /** The shared broker; fails if no test class using this extension has started yet. */
    public LocalKafkaBroker broker() {
        SharedBroker s = shared;
        if (s == null) {
            throw new IllegalStateException("KafkaExtension is not started: register it with @RegisterExtension "
                    + "on a static field (or @ExtendWith) and use it from tests or @BeforeAll/@BeforeEach methods");
        }
        return s.broker;
    }

    public String bootstrapServers() {
        return broker().bootstrapServers();
    }

    /** A topic name not used before in this JVM: {@code <prefix>-<run id>-<n>}. */
    public String uniqueTopic(String prefix) {
        String clean = prefix.replaceAll("[^A-Za-z0-9._-]", "-").toLowerCase(Locale.ROOT);
        return clean + "-" + RUN_ID + "-" + TOPIC_COUNTER.incrementAndGet();
    }

    /** Creates a topic (delete cleanup policy) and waits until its partitions take writes. */
    public void createTopic(String name, int partitions) {
        broker().createTopic(name, partitions, false);
    }

    /** Creates a topic with {@code cleanup.policy=compact} and waits until its partitions take writes. */
    public void createCompactedTopic(String name, int partitions) {
        broker().createTopic(name, partitions, true);
    }

    /** Creates a topic with explicit topic configs (e.g. {@code segment.ms}). */
    public void createTopic(String name, int partitions, Map<String, String> configs) {
        broker().createTopic(name, partitions, configs);
    }

    /** Admin client properties. */
    public Properties adminProperties() {
        return broker().adminProperties();
    }

    /** Idempotent producer, {@code acks=all}, byte[] keys and values. */
    public Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return props;
    }

    /** {@link #producerProperties()} plus a {@code transactional.id}; call {@code initTransactions()} first. */
    public Properties transactionalProducerProperties(String transactionalId) {
        Properties props = producerProperties();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        return props;
    }

    /**
     * Consumer of byte[] keys and values in the given group: reads from the earliest offset, no auto-commit,
     * {@code isolation.level=read_committed} (the product's pipelines are transactional; override for
     * read_uncommitted).
     */
    public Properties consumerProperties(String groupId) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * Reads every record of a topic, from the beginning up to the end offsets at the time of the call
     * (the last stable offset under read_committed), without a consumer group. Fails after the timeout.
     */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration timeout) {
        Properties props = consumerProperties("unused");
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        return readAll(topic, props, timeout);
    }

    /** Like {@link #readAll(String, Duration)} with the given consumer properties (group id is not needed). */
    public static List<ConsumerRecord<byte[], byte[]>> readAll(
            String topic, Properties consumerProperties, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProperties)) {
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(topic, timeout)
                    .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            while (!caughtUp(consumer, end)) {
                Duration left = Duration.between(Instant.now(), deadline);
                if (left.isNegative()) {
                    throw new AssertionError("Read " + records.size() + " records of " + topic + " but not up to " + end
                            + " within " + timeout);
                }
                consumer.poll(left.compareTo(Duration.ofMillis(500)) < 0 ? left : Duration.ofMillis(500))
                        .forEach(records::add);
            }
        }
        return records;
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The broker and its temporary data dir; JUnit closes it (as an AutoCloseable) with the root context. */
    private static final class SharedBroker implements AutoCloseable {
        private final LocalKafkaBroker broker;
        private final Path dataDir;
        private volatile boolean keep;

        private SharedBroker(LocalKafkaBroker broker, Path dataDir) {
            this.broker = broker;
            this.dataDir = dataDir;
        }

        static SharedBroker start() {
            Path dir;
            try {
                dir = Files.createTempDirectory("kpi-kafka-test-");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a data dir for the test Kafka broker", e);
            }
            LocalKafkaBroker broker = LocalKafkaBroker.builder().dataDir(dir).start();
            System.out.printf(
                    "KafkaExtension: Kafka broker %s started in %d ms (log: %s)%n",
                    broker.bootstrapServers(), broker.startupTime().toMillis(), broker.logFile());
            return new SharedBroker(broker, dir);
        }

        @Override
        public void close() throws IOException {
            boolean diedEarly = !broker.isAlive();
            broker.close();
            if (diedEarly || keep) {
                System.err.println("KafkaExtension: "
                        + (diedEarly
                                ? "the test Kafka broker had exited before the end of the run"
                                : "a test using Kafka failed")
                        + "; the broker's data dir is kept: " + dataDir);
            } else if (!Boolean.getBoolean(KEEP_DATA_DIR_PROPERTY)
                    && !"true".equalsIgnoreCase(System.getenv("KPI_KAFKA_KEEP_DATA_DIR"))) {
                deleteRecursively(dataDir);
            }
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
