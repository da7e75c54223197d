package io.kpipulse.alerts.rules;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.io.Serializable;

/**
 * An alert rule as data: owned by someone for a department subtree, evaluated by the job on every update of
 * the indicator's rows, changed at run time through the API and the control topic.
 *
 * @param departmentId     root of the subtree the rule watches (the tenant's whole tree when it is the root)
 * @param subjectType      employees or departments of that subtree
 * @param pendingMillis    how long the condition must hold before the alert fires ("for")
 * @param keepFiringMillis how long the value must stay recovered before the alert resolves
 * @param version          grows with every change; the newest version wins everywhere
 */
public record AlertRule(
        String tenantId,
        String ruleId,
        long version,
        String name,
        String indicatorId,
        WindowType windowType,
        SubjectType subjectType,
        String departmentId,
        AlertCondition condition,
        Severity severity,
        long pendingMillis,
        long keepFiringMillis,
        Grouping grouping,
        String ownerId,
        boolean enabled)
        implements Serializable {

    /** The key of this rule's control record. */
    public String controlKey() {
        return controlKey(tenantId, ruleId);
    }

    public static String controlKey(String tenantId, String ruleId) {
        return io.kpipulse.events.SourceTopics.CONTROL_ALERT_RULE_PREFIX + tenantId + "/" + ruleId;
    }

    public AlertRule withVersion(long v) {
        return new AlertRule(
                tenantId,
                ruleId,
                v,
                name,
                indicatorId,
                windowType,
                subjectType,
                departmentId,
                condition,
                severity,
                pendingMillis,
                keepFiringMillis,
                grouping,
                ownerId,
                enabled);
    }

    public AlertRule withTiming(long pending, long keepFiring) {
        return new AlertRule(
                tenantId,
                ruleId,
                version,
                name,
                indicatorId,
                windowType,
                subjectType,
                departmentId,
                condition,
                severity,
                pending,
                keepFiring,
                grouping,
                ownerId,
                enabled);
    }

    public AlertRule withGrouping(Grouping g) {
        return new AlertRule(
                tenantId,
                ruleId,
                version,
                name,
                indicatorId,
                windowType,
                subjectType,
                departmentId,
                condition,
                severity,
                pendingMillis,
                keepFiringMillis,
                g,
                ownerId,
                enabled);
    }

    public AlertRule withCondition(AlertCondition c) {
        return new AlertRule(
                tenantId,
                ruleId,
                version,
                name,
                indicatorId,
                windowType,
                subjectType,
                departmentId,
                c,
                severity,
                pendingMillis,
                keepFiringMillis,
                grouping,
                ownerId,
                enabled);
    }
}
