package io.kpipulse.stack;

import io.kpipulse.events.SourceTopics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Creates the product's topics that do not exist yet: one per source system, dead letters, control (compacted). */
final class TopicSetup {

    private TopicSetup() {
    }

    static List<String> ensure(String bootstrapServers, int partitions) throws ExecutionException, InterruptedException {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (String topic : SourceTopics.eventTopics()) {
                if (!existing.contains(topic)) {
                    // Keep everything: the simulator's records carry business time, which time-based retention
                    // would delete as soon as it is older than a week; replays need them.
                    missing.add(new NewTopic(topic, partitions, (short) 1).configs(Map.of("retention.ms", "-1")));
                }
            }
            if (!existing.contains(SourceTopics.DEAD_LETTERS)) {
                missing.add(new NewTopic(SourceTopics.DEAD_LETTERS, partitions, (short) 1));
            }
            if (!existing.contains(SourceTopics.CONTROL)) {
                // Compacted: the newest catalog version is all a restarted job needs to read.
                missing.add(new NewTopic(SourceTopics.CONTROL, 1, (short) 1)
                        .configs(Map.of("cleanup.policy", "compact")));
            }
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get();
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }
}
