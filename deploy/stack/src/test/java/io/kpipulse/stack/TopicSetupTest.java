package io.kpipulse.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicSetupTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @Test
    void createsEveryProductTopicOnceWithItsRetentionAndCompaction() throws Exception {
        List<String> created = TopicSetup.ensure(KAFKA.bootstrapServers(), 2);
        assertTrue(created.containsAll(SourceTopics.eventTopics()));
        assertTrue(created.contains(SourceTopics.CONTROL) && created.contains(SourceTopics.DEAD_LETTERS));
        assertEquals(List.of(), TopicSetup.ensure(KAFKA.bootstrapServers(), 2), "a second start creates nothing");
        try (Admin admin = Admin.create(KAFKA.adminProperties())) {
            ConfigResource control = new ConfigResource(ConfigResource.Type.TOPIC, SourceTopics.CONTROL);
            ConfigResource policy = new ConfigResource(ConfigResource.Type.TOPIC, SourceTopics.POLICY);
            Map<ConfigResource, Config> configs =
                    admin.describeConfigs(List.of(control, policy)).all().get();
            assertEquals("compact", configs.get(control).get("cleanup.policy").value());
            assertEquals("-1", configs.get(policy).get("retention.ms").value());
            assertEquals(
                    2,
                    admin.describeTopics(List.of(SourceTopics.POLICY))
                            .allTopicNames()
                            .get()
                            .get(SourceTopics.POLICY)
                            .partitions()
                            .size());
        }
    }
}
