package io.kpipulse.alerts;

import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.Grouping;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.OrgDirectoryView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.streaming.api.functions.co.BroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Sends every indicator row to the alerts of the rules that watch it: same tenant, indicator, window type
 * and subject type, and a subject inside the rule's department subtree — an employee by the department
 * they belonged to at the row's last event, a department by its own place in the tree then (the org
 * directory's broadcast state, the same one admission attributes events with). Stateless per row; the
 * rules index is rebuilt from broadcast state after every rule change or restore.
 */
public final class AlertRouter extends BroadcastProcessFunction<IndicatorRow, AlertControl, RuleInput> {

    private static final long serialVersionUID = 1L;

    private transient Map<String, List<AlertRule>> index;

    @Override
    public void processElement(IndicatorRow row, ReadOnlyContext ctx, Collector<RuleInput> out) throws Exception {
        if (row.subjectType() != SubjectType.EMPLOYEE && row.subjectType() != SubjectType.DEPARTMENT) {
            return;
        }
        List<AlertRule> rules = index(ctx.getBroadcastState(AlertRules.STATE)).get(indexKey(row));
        if (rules == null) {
            return;
        }
        OrgDirectoryView org = OrgDirectory.view(ctx.getBroadcastState(OrgDirectory.STATE));
        long at = row.lastEventTime() > 0 ? row.lastEventTime() : row.computedAtMillis();
        String department = row.subjectType() == SubjectType.EMPLOYEE
                ? org.departmentOf(row.tenantId(), row.subjectId(), at)
                : row.subjectId();
        if (department == null) {
            return;
        }
        List<String> path = org.pathOf(row.tenantId(), department, at);
        for (AlertRule rule : rules) {
            if (rule.subjectType() == row.subjectType() && path.contains(rule.departmentId())) {
                String group = rule.grouping() == Grouping.DEPARTMENT ? department : row.subjectId();
                out.collect(new RuleInput(rule.controlKey(), rule.tenantId(), rule.ruleId(), group, path, row));
            }
        }
    }

    @Override
    public void processBroadcastElement(AlertControl control, Context ctx, Collector<RuleInput> out) throws Exception {
        OrgDirectory.apply(ctx.getBroadcastState(OrgDirectory.STATE), control.orgChange());
        if (control.ruleUpdate() != null) {
            AlertRules.apply(ctx.getBroadcastState(AlertRules.STATE), control.ruleUpdate());
            index = null;
        }
    }

    private Map<String, List<AlertRule>> index(ReadOnlyBroadcastState<String, AlertRule> rules) throws Exception {
        if (index == null) {
            Map<String, List<AlertRule>> built = new HashMap<>();
            for (Map.Entry<String, AlertRule> e : rules.immutableEntries()) {
                AlertRule r = e.getValue();
                built.computeIfAbsent(
                                r.tenantId() + "|" + r.indicatorId() + "|" + r.windowType(), k -> new ArrayList<>())
                        .add(r);
            }
            index = built;
        }
        return index;
    }

    private static String indexKey(IndicatorRow row) {
        return row.tenantId() + "|" + row.indicatorId() + "|" + row.windowType();
    }
}
