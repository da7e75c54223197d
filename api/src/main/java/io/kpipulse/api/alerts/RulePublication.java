package io.kpipulse.api.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.api.http.ServiceUnavailableException;

/** Where rule changes go so the running job sees them: the control topic, or nowhere when Kafka is off. */
public interface RulePublication {

    void publish(AlertRule rule);

    void delete(String tenantId, String ruleId);

    /** An API started without Kafka cannot change rules: a 503 rather than a rule the job never sees. */
    static RulePublication unavailable() {
        return new RulePublication() {
            @Override
            public void publish(AlertRule rule) {
                throw new ServiceUnavailableException(
                        "alert rules need the control topic; this API runs without Kafka");
            }

            @Override
            public void delete(String tenantId, String ruleId) {
                publish(null);
            }
        };
    }
}
