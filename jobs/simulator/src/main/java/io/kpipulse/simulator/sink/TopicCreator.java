package io.kpipulse.simulator.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics that do not exist yet (existing topics are left as they are) and waits for their leaders. */
public final class TopicCreator {

    private TopicCreator() {}

    /**
     * Waits until every partition has a leader: an idempotent producer whose first batch meets a partition
     * without one retries it after later batches went through, and the broker then refuses the partition
     * for good (out-of-order sequence).
     */
    private static void awaitLeaders(Admin admin, Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                boolean ready = admin.describeTopics(topics).allTopicNames().get().values().stream()
                        .flatMap(d -> d.partitions().stream())
                        .allMatch(p -> p.leader() != null && !p.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                // Metadata of a topic created a moment ago may not be visible yet; ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics have no leader after 60 s: " + topics);
            }
            java.util.concurrent.TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Event topics: records carry business time, so they keep everything (see below). */
    public static List<String> ensureTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        return ensureTopics(bootstrapServers, java.util.Map.of(), topics, partitions);
    }

    /** Event topics, with the Kafka client's security properties (SASL, TLS). */
    public static List<String> ensureTopics(
            String bootstrapServers,
            java.util.Map<String, String> clientProperties,
            Collection<String> topics,
            int partitions) {
        // Records carry business time as their timestamp; time-based retention would delete everything
        // older than a week at once, so the topics keep everything.
        return ensureTopics(
                bootstrapServers, clientProperties, topics, partitions, java.util.Map.of("retention.ms", "-1"));
    }

    /** Creates the missing ones of {@code topics} with {@code configs}; returns the names created, sorted. */
    public static List<String> ensureTopics(
            String bootstrapServers, Collection<String> topics, int partitions, java.util.Map<String, String> configs) {
        return ensureTopics(bootstrapServers, java.util.Map.of(), topics, partitions, configs);
    }

    /** The same through a client with these security properties. */
    public static List<String> ensureTopics(
            String bootstrapServers,
            java.util.Map<String, String> clientProperties,
            Collection<String> topics,
            int partitions,
            java.util.Map<String, String> configs) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : topics) {
                if (!existing.contains(topic)) {
                    missing.add(new NewTopic(topic, partitions, (short) 1).configs(configs));
                }
            }
            List<String> created = new ArrayList<>();
            for (var entry : admin.createTopics(missing).values().entrySet()) {
                try {
                    entry.getValue().get();
                    created.add(entry.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + entry.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, topics);
            return created.stream().sorted().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + bootstrapServers, e.getCause());
        }
    }
}
