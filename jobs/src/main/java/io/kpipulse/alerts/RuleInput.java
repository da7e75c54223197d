package io.kpipulse.alerts;

import io.kpipulse.indicators.IndicatorRow;
import java.io.Serializable;
import java.util.List;

/**
 * A row a rule watches, on its way to the rule's alert for it: keyed by {@link #key()} = tenant, rule and
 * group, so one operator instance owns one alert with all its members.
 *
 * @param departmentPath the subject's department and its ancestors at the row's time, nearest first
 */
public record RuleInput(
        String ruleKey, String tenantId, String ruleId, String groupId, List<String> departmentPath, IndicatorRow row)
        implements Serializable {

    public String key() {
        return tenantId + "|" + ruleId + "|" + groupId;
    }
}
