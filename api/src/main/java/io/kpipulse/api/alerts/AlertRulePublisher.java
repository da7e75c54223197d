package io.kpipulse.api.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.AlertRuleJson;
import io.kpipulse.api.control.ControlTopicWriter;
import java.util.Map;

/**
 * Publishes rule changes on the compacted control topic, keyed {@code alert-rule/<tenant>/<rule>}: the
 * rule's JSON, or a tombstone for a deletion. Waits for the broker's acknowledgement, so a 2xx answer
 * means the running job will see the change.
 */
public final class AlertRulePublisher implements RulePublication, AutoCloseable {

    private final ControlTopicWriter control;

    /** @param clientProperties security settings of an external Kafka (KafkaClientOptions), applied first */
    public AlertRulePublisher(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix) {
        this.control = new ControlTopicWriter(bootstrapServers, clientProperties, topicPrefix);
    }

    @Override
    public void publish(AlertRule rule) {
        control.send(rule.controlKey(), AlertRuleJson.write(rule), "the alert rule");
    }

    @Override
    public void delete(String tenantId, String ruleId) {
        control.send(AlertRule.controlKey(tenantId, ruleId), null, "the alert rule's deletion");
    }

    @Override
    public void close() {
        control.close();
    }
}
