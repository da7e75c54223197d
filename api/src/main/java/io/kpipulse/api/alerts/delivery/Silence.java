package io.kpipulse.api.alerts.delivery;

import java.util.List;

/**
 * A time-boxed mute with a reason: alerts of the subtree under {@code departmentId} (of one rule, or of
 * every rule when {@code ruleId} is empty) are kept in the history but not sent while it lasts.
 */
public record Silence(
        String tenantId,
        String silenceId,
        String ruleId,
        String departmentId,
        long startsAtMillis,
        long endsAtMillis,
        String reason,
        String createdBy) {

    public boolean mutes(String alertRuleId, List<String> departmentPath, long nowMillis) {
        return nowMillis >= startsAtMillis
                && nowMillis < endsAtMillis
                && (ruleId.isEmpty() || ruleId.equals(alertRuleId))
                && departmentPath.contains(departmentId);
    }
}
