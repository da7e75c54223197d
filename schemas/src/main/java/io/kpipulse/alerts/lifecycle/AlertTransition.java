package io.kpipulse.alerts.lifecycle;

import io.kpipulse.alerts.rules.Severity;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * One change of one alert: a row of {@code alert_events} and a record of {@code kpi.alerts}.
 *
 * @param groupId        what the alert stands for: the subject, or the department of a grouped rule
 * @param sequence       1, 2, 3… per (rule, group): with them the idempotency key, so a replay that emits
 *                       the same transition again is recognised and delivered once
 * @param subjectType    the member whose update caused the transition (EMPLOYEE or DEPARTMENT)
 * @param departmentPath the subject's department and its ancestors, nearest first (routing by subtree)
 * @param value          the measured value of that member (the indicator value, attainment % or change %)
 * @param indicatorValue the indicator's value itself
 * @param threshold      the line that was crossed (the target when the rule compares with it)
 * @param previousValue  the final value of the previous window instance (trend), or null
 * @param membersFiring  how many members of the group are firing after the transition
 * @param eventTime      the evaluation clock (event time) of the transition
 */
public record AlertTransition(
        String tenantId,
        String ruleId,
        long ruleVersion,
        String groupId,
        long sequence,
        TransitionKind kind,
        Severity severity,
        String indicatorId,
        String windowType,
        LocalDate windowStart,
        LocalDate windowEnd,
        String subjectType,
        String subjectId,
        List<String> departmentPath,
        BigDecimal value,
        BigDecimal indicatorValue,
        BigDecimal threshold,
        BigDecimal target,
        BigDecimal previousValue,
        int membersFiring,
        long eventTime,
        long emittedAt)
        implements Serializable {

    /** Identical for the same transition however often a replay emits it. */
    public String idempotencyKey() {
        return tenantId + "|" + ruleId + "|" + groupId + "|" + sequence;
    }

    /** The department whose subtree (and heads) the alert belongs to. */
    public String departmentId() {
        return departmentPath.isEmpty() ? null : departmentPath.get(0);
    }
}
