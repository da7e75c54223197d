package io.kpipulse.stack;

import io.kpipulse.events.SourceTopics;
import io.kpipulse.simulator.sink.TopicCreator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Creates the product's topics that do not exist yet: one per source system, dead letters, alerts, control (compacted). */
final class TopicSetup {

    private TopicSetup() {}

    static List<String> ensure(String bootstrapServers, int partitions) {
        List<String> created =
                new ArrayList<>(TopicCreator.ensureTopics(bootstrapServers, SourceTopics.eventTopics(), partitions));
        created.addAll(
                TopicCreator.ensureTopics(bootstrapServers, List.of(SourceTopics.DEAD_LETTERS), partitions, Map.of()));
        // One partition: the dispatcher reads alert transitions in the order the job wrote them.
        created.addAll(TopicCreator.ensureTopics(bootstrapServers, List.of(SourceTopics.ALERTS), 1, Map.of()));
        // Compacted: the newest catalog version is all a restarted job needs to read.
        created.addAll(TopicCreator.ensureTopics(
                bootstrapServers, List.of(SourceTopics.CONTROL), 1, Map.of("cleanup.policy", "compact")));
        return created;
    }
}
