package io.kpipulse.simulator.sink;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates topics that do not exist yet (existing topics are left as they are) and waits until they take writes. */
public final class TopicCreator {

    private TopicCreator() {}

    /**
     * Waits until every partition takes writes: an idempotent producer whose first request to a partition is
     * refused while a later one is appended retries the first one out of sequence until it expires, and its
     * records are lost (KAFKA-15591). A leader in the metadata is not enough, since the broker publishes it before
     * its replica manager leads the partition; a latest-offset lookup is answered by that replica manager.
     */
    private static void awaitWritable(Admin admin, Collection<String> topics) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                boolean led = true;
                for (TopicDescription topic :
                        admin.describeTopics(topics).allTopicNames().get().values()) {
                    for (TopicPartitionInfo p : topic.partitions()) {
                        led &= p.leader() != null && !p.leader().isEmpty();
                        latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest());
                    }
                }
                if (led) {
                    admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // A topic created a moment ago may not be visible or led yet; ask again.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("topics do not take writes after 60 s: " + topics);
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
    }

    /** Event topics: records carry business time, so they keep everything (see below). */
    public static List<String> ensureTopics(String bootstrapServers, Collection<String> topics, int partitions) {
        return ensureTopics(bootstrapServers, Map.of(), topics, partitions);
    }

    /** Event topics, with the Kafka client's security properties (SASL, TLS). */
    public static List<String> ensureTopics(
            String bootstrapServers, Map<String, String> clientProperties, Collection<String> topics, int partitions) {
        // Records carry business time as their timestamp; time-based retention would delete everything
        // older than a week at once, so the topics keep everything.
        return ensureTopics(bootstrapServers, clientProperties, topics, partitions, Map.of("retention.ms", "-1"));
    }

    /** Creates the missing ones of {@code topics} with {@code configs}; returns the names created, sorted. */
    public static List<String> ensureTopics(
            String bootstrapServers, Collection<String> topics, int partitions, Map<String, String> configs) {
        return ensureTopics(bootstrapServers, Map.of(), topics, partitions, configs);
    }

    /** The same through a client with these security properties. */
    public static List<String> ensureTopics(
            String bootstrapServers,
            Map<String, String> clientProperties,
            Collection<String> topics,
            int partitions,
            Map<String, String> configs) {
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
            awaitWritable(admin, topics);
            return created.stream().sorted().toList();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot list topics at " + bootstrapServers, e.getCause());
        }
    }
}
