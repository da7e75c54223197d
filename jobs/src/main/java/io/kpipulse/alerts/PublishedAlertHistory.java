package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.storage.ClickHouseConnector;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The published history from both places a transition leaves the job: {@code alert_events} (kept for ever)
 * and the {@code kpi.alerts} topic read to its end (what the dispatcher delivers from, including records
 * the last run wrote after its newest checkpoint and before {@code alert_events} was flushed). Every
 * delivered transition is a record of the topic, so a transition someone received is never missing here
 * while the topic retains it, and {@code alert_events} covers what the topic no longer retains.
 */
public final class PublishedAlertHistory implements AlertHistory {

    private static final long serialVersionUID = 1L;

    private final ClickHouseConnector clickHouse;
    private final String bootstrapServers;
    private final Map<String, String> clientProperties;
    private final String topic;

    public PublishedAlertHistory(
            ClickHouseConnector clickHouse,
            String bootstrapServers,
            Map<String, String> clientProperties,
            String topic) {
        this.clickHouse = clickHouse;
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = new HashMap<>(clientProperties);
        this.topic = topic;
    }

    @Override
    public Map<String, Published> newest(Predicate<String> owns) throws Exception {
        Map<String, Published> out = new HashMap<>();
        fromTable(owns, out);
        fromTopic(owns, out);
        return out;
    }

    private void fromTable(Predicate<String> owns, Map<String, Published> out) throws Exception {
        String sql = "SELECT tenant_id, rule_id, group_id, max(sequence), argMax(kind, sequence),"
                + " toUnixTimestamp64Milli(argMax(event_time, sequence)) FROM alert_events"
                + " GROUP BY tenant_id, rule_id, group_id";
        try (Connection c = clickHouse.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                String key = rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3);
                if (owns.test(key)) {
                    Published p = new Published(rs.getLong(4), TransitionKind.valueOf(rs.getString(5)), rs.getLong(6));
                    out.merge(key, p, Published::newer);
                }
            }
        }
    }

    private void fromTopic(Predicate<String> owns, Map<String, Published> out) {
        Properties p = KafkaClientOptions.asProperties(clientProperties);
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("enable.auto.commit", "false");
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    fold(r, owns, out);
                }
            }
        }
    }

    private static void fold(ConsumerRecord<byte[], byte[]> r, Predicate<String> owns, Map<String, Published> out) {
        AlertTransition t;
        try {
            t = AlertTransitionJson.parse(new String(r.value(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            return; // the dispatcher skips unreadable records too: nobody was told about it
        }
        String key = t.tenantId() + "|" + t.ruleId() + "|" + t.groupId();
        if (owns.test(key)) {
            out.merge(key, new Published(t.sequence(), t.kind(), t.eventTime()), Published::newer);
        }
    }
}
