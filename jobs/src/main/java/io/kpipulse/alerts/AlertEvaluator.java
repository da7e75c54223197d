package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.indicators.IndicatorRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.TaskInfo;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One alert per key (tenant, rule, group): runs {@link AlertStateMachine} for each member on its rows and
 * on event-time timers (pending, keep-firing and no-data deadlines), counts members in {@link GroupState},
 * and emits the group's transitions with a growing sequence number. The evaluation clock of a row is its
 * newest event time (never earlier than the member's previous one), and of a timer its deadline, so
 * durations are business time and a replay from a checkpoint reaches the same transitions at the same
 * clocks with the same sequence numbers. Not the watermark: while a live partition is quiet the engine's
 * watermark moves with the wall clock, ahead of every event, and a restore cannot reproduce it — a
 * published clock taken from it would declare the replay's newer rows old history. A deadline the
 * watermark has already passed when a row sets it is acted on with that row rather than on a timer, since
 * once the input stops the watermark may never move again. All state is keyed and lives in
 * checkpoints: a restore neither re-fires a resolved alert nor forgets a pending one. Deleting a rule
 * resolves its firing alerts and clears their members; each alert keeps only its sequence number
 * ({@link GroupState#retired}), so a rule re-created under the same id numbers its transitions after the
 * old ones instead of reusing idempotency keys that were already delivered (and rows of
 * {@code alert_events} the new ones would replace).
 *
 * <p>The engine coalesces a value's updates, so a replay need not show the values the first run saw: a
 * restore from a checkpoint older than a published transition would otherwise miss the crossing and never
 * announce the alert's end, or number a new transition with a key already used. On start the evaluator
 * therefore reads the {@link AlertHistory} of its keys, and each alert adopts a published transition newer
 * than its state ({@link GroupState#adopt}) on its first row, plus a timer just after the published clock,
 * so what people were told is corrected once the replay has passed it even if no further row comes.
 */
public final class AlertEvaluator
        extends KeyedBroadcastProcessFunction<String, RuleInput, AlertControl, AlertTransition> {

    private static final long serialVersionUID = 1L;

    static final MapStateDescriptor<String, MemberState> MEMBERS =
            new MapStateDescriptor<>("alert-members", Types.STRING, TypeInformation.of(MemberState.class));
    static final ValueStateDescriptor<GroupState> GROUP =
            new ValueStateDescriptor<>("alert-group", TypeInformation.of(GroupState.class));

    private final AlertHistory history;

    private transient MapState<String, MemberState> members;
    private transient ValueState<GroupState> group;
    /** Published transitions of this instance's keys not yet compared with their state. */
    private transient Map<String, Published> unadopted;

    public AlertEvaluator(AlertHistory history) {
        this.history = history;
    }

    @Override
    public void open(OpenContext context) throws Exception {
        members = getRuntimeContext().getMapState(MEMBERS);
        group = getRuntimeContext().getState(GROUP);
        TaskInfo task = getRuntimeContext().getTaskInfo();
        int max = task.getMaxNumberOfParallelSubtasks();
        int parallelism = task.getNumberOfParallelSubtasks();
        int self = task.getIndexOfThisSubtask();
        unadopted = new HashMap<>(history.newest(
                key -> KeyGroupRangeAssignment.assignKeyToParallelOperator(key, max, parallelism) == self));
    }

    @Override
    public void processElement(RuleInput input, ReadOnlyContext ctx, Collector<AlertTransition> out) throws Exception {
        AlertRule rule = ctx.getBroadcastState(AlertRules.STATE).get(input.ruleKey());
        if (rule == null) {
            return; // the rule changed on this instance's broadcast input after the router sent the row
        }
        IndicatorRow row = input.row();
        GroupState g = groupOf(input.ruleKey(), ctx);
        g.departmentPath = input.departmentPath();
        MemberState m = members.get(row.subjectId());
        if (m == null) {
            m = new MemberState();
            m.subjectType = row.subjectType().name();
            m.subjectId = row.subjectId();
        }
        long now = Math.max(row.lastEventTime(), m.lastSeen);
        AlertStatus before = m.status;
        TransitionKind kind = AlertStateMachine.onUpdate(
                m,
                rule,
                new Observation(row.windowStart(), row.windowEnd(), row.value(), row.target(), row.attainment()),
                now);
        emit(g, rule, input.groupId(), m, kind, before, now, out);
        now = passDeadlines(g, rule, input.groupId(), m, ctx.timerService().currentWatermark(), now, out);
        members.put(row.subjectId(), m);
        group.update(g);
        schedule(ctx, m, rule, now);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<AlertTransition> out) throws Exception {
        GroupState g = group.value();
        AlertRule rule =
                g == null ? null : ctx.getBroadcastState(AlertRules.STATE).get(g.ruleKey);
        if (rule == null) {
            return;
        }
        adopt(g, ctx);
        String groupId = groupIdOf(rule, ctx.getCurrentKey());
        MemberState last = null;
        for (Map.Entry<String, MemberState> e : members.entries()) {
            MemberState m = e.getValue();
            last = m;
            if (AlertStateMachine.deadline(m, rule) > timestamp) {
                continue;
            }
            AlertStatus before = m.status;
            TransitionKind kind = AlertStateMachine.onTime(m, rule, timestamp);
            emit(g, rule, groupId, m, kind, before, timestamp, out);
            members.put(e.getKey(), m);
            schedule(ctx, m, rule, timestamp);
        }
        if (last != null) {
            emit(g, rule, groupId, last, null, last.status, timestamp, out); // the adopted history's timer
        }
        group.update(g);
    }

    @Override
    public void processBroadcastElement(AlertControl control, Context ctx, Collector<AlertTransition> out)
            throws Exception {
        AlertRuleUpdate update = control.ruleUpdate();
        if (update == null) {
            return;
        }
        AlertRule previous = ctx.getBroadcastState(AlertRules.STATE).get(update.controlKey());
        AlertRules.apply(ctx.getBroadcastState(AlertRules.STATE), update);
        if (!update.deleted() || previous == null) {
            return;
        }
        String prefix = previous.tenantId() + "|" + previous.ruleId() + "|";
        long now = System.currentTimeMillis();
        ctx.applyToKeyedState(GROUP, (key, state) -> {
            GroupState g = state.value();
            if (!key.startsWith(prefix) || g == null) {
                return;
            }
            if (g.announcedStatus() == AlertStatus.FIRING) {
                g.sequence++;
                out.collect(ruleRemoved(previous, key.substring(prefix.length()), g, now));
            }
            state.update(GroupState.retired(g));
        });
        ctx.applyToKeyedState(MEMBERS, (key, state) -> {
            if (key.startsWith(prefix)) {
                state.clear();
            }
        });
    }

    private GroupState groupOf(String ruleKey, ReadOnlyContext ctx) throws Exception {
        GroupState g = group.value();
        if (g == null) {
            g = new GroupState();
            g.ruleKey = ruleKey;
        }
        adopt(g, ctx);
        return g;
    }

    private void adopt(GroupState g, ReadOnlyContext ctx) {
        Published published = unadopted.remove(ctx.getCurrentKey());
        if (published != null && g.adopt(published)) {
            ctx.timerService().registerEventTimeTimer(published.eventTime() + 1);
        }
    }

    private void emit(
            GroupState g,
            AlertRule rule,
            String groupId,
            MemberState m,
            TransitionKind memberKind,
            AlertStatus before,
            long now,
            Collector<AlertTransition> out)
            throws Exception {
        TransitionKind kind = memberKind == null ? g.announce(now) : g.apply(memberKind, before, now);
        if (kind != null) {
            out.collect(new AlertTransition(
                    rule.tenantId(),
                    rule.ruleId(),
                    rule.version(),
                    groupId,
                    g.sequence,
                    kind,
                    rule.severity(),
                    rule.indicatorId(),
                    rule.windowType().name(),
                    m.windowStart,
                    m.windowEnd,
                    m.subjectType,
                    m.subjectId,
                    g.departmentPath == null ? List.of() : List.copyOf(g.departmentPath),
                    m.measured,
                    m.currentValue,
                    m.line,
                    m.target,
                    m.previousValue,
                    g.firing,
                    now,
                    System.currentTimeMillis()));
        }
    }

    /** The group part of the key tenant|rule|group. */
    private static String groupIdOf(AlertRule rule, String key) {
        return key.substring(rule.tenantId().length() + rule.ruleId().length() + 2);
    }

    private static AlertTransition ruleRemoved(AlertRule rule, String groupId, GroupState g, long now) {
        List<String> path = g.departmentPath == null ? List.of() : List.copyOf(g.departmentPath);
        return new AlertTransition(
                rule.tenantId(),
                rule.ruleId(),
                rule.version(),
                groupId,
                g.sequence,
                TransitionKind.RESOLVED,
                rule.severity(),
                rule.indicatorId(),
                rule.windowType().name(),
                null,
                null,
                rule.subjectType().name(),
                groupId,
                path,
                null,
                null,
                null,
                null,
                null,
                0,
                now,
                now);
    }

    /**
     * Lets the member's deadlines that the watermark has already passed take effect now, each at its own
     * clock (what the timer would have done had the row come before the watermark); returns the clock after.
     */
    private long passDeadlines(
            GroupState g,
            AlertRule rule,
            String groupId,
            MemberState m,
            long watermark,
            long now,
            Collector<AlertTransition> out)
            throws Exception {
        long clock = now;
        for (long due = AlertStateMachine.deadline(m, rule);
                due != Long.MAX_VALUE && due <= watermark;
                due = AlertStateMachine.deadline(m, rule)) {
            clock = Math.max(clock, due);
            AlertStatus before = m.status;
            TransitionKind kind = AlertStateMachine.onTime(m, rule, clock);
            if (kind == null) {
                break;
            }
            emit(g, rule, groupId, m, kind, before, clock, out);
        }
        return clock;
    }

    private static void schedule(ReadOnlyContext ctx, MemberState m, AlertRule rule, long now) {
        long deadline = AlertStateMachine.deadline(m, rule);
        if (deadline != Long.MAX_VALUE && deadline > now) {
            ctx.timerService().registerEventTimeTimer(deadline);
        }
    }
}
