package io.kpipulse.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import java.io.Serializable;

/**
 * A rule change as read from the control topic: the rule's new version, or its deletion ({@code rule}
 * null). The control topic has one partition, so every instance applies the changes in the same order.
 */
public record AlertRuleUpdate(String controlKey, AlertRule rule) implements Serializable {

    public boolean deleted() {
        return rule == null || !rule.enabled();
    }
}
