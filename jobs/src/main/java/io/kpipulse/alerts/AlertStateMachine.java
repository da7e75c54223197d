package io.kpipulse.alerts;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.AlertCondition;
import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.Measure;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The lifecycle of one member of one rule: normal → pending → firing → resolved (back to normal), or
 * pending → cleared. Pure: the caller passes the evaluation clock and keeps the state.
 *
 * <ul>
 *   <li>A breach is a measured value strictly beyond the firing line; the alert resolves only once the
 *       value is strictly back beyond the resolve line (hysteresis) and has stayed there for the rule's
 *       keep-firing duration. Between the two lines nothing changes, so a value hovering at the line does
 *       not flap.
 *   <li>The condition must hold for the pending duration before the alert fires; a pending alert whose
 *       value stops breaching is cleared.
 *   <li>With N consecutive windows the previous N-1 instances must have breached by their final value
 *       (instances must follow each other; a gap resets the streak).
 *   <li>An update of an older window instance than the current one (a late correction) changes nothing.
 *   <li>No-data rules fire when no update arrived for the duration, and resolve with the next update.
 *   <li>An unknown measurement (no value, no target, no previous period) changes nothing.
 * </ul>
 */
public final class AlertStateMachine {

    /** Change percentages are kept to this many decimals. */
    static final int PERCENT_SCALE = 4;

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private AlertStateMachine() {}

    /** Folds in one update at {@code now}; returns the member's transition, or null. */
    public static TransitionKind onUpdate(MemberState s, AlertRule rule, Observation o, long now) {
        AlertCondition c = rule.condition();
        s.lastSeen = Math.max(s.lastSeen, now);
        if (c.measure() == Measure.NO_DATA) {
            s.windowStart = o.windowStart();
            s.windowEnd = o.windowEnd();
            s.currentValue = o.value();
            s.measured = o.value();
            if (s.status == AlertStatus.FIRING) {
                return to(s, AlertStatus.NORMAL, TransitionKind.RESOLVED);
            }
            return null;
        }
        if (s.windowStart != null && o.windowStart().isBefore(s.windowStart)) {
            return null;
        }
        if (s.windowStart == null || o.windowStart().isAfter(s.windowStart)) {
            startInstance(s, o);
        }
        s.currentValue = o.value();
        s.target = o.target();
        BigDecimal measured = measure(c.measure(), o, s.previousValue);
        BigDecimal line = c.line(o.target());
        if (measured == null || line == null) {
            return null;
        }
        s.measured = measured;
        s.line = line;
        s.currentBreach = c.comparison().breaches(measured, line);
        boolean holds = s.currentBreach && s.breachStreak + 1 >= c.consecutiveWindows();
        boolean recovered = c.comparison().recovered(measured, c.resolveLine(o.target()));
        return switch (s.status) {
            case NORMAL -> holds ? startPending(s, rule, now) : null;
            case PENDING ->
                !holds
                        ? to(s, AlertStatus.NORMAL, TransitionKind.CLEARED)
                        : now - s.pendingSince >= rule.pendingMillis() ? fire(s) : null;
            case FIRING -> whileFiring(s, rule, !holds && recovered, now);
        };
    }

    /** Lets time pass to {@code now} without an update (a timer); returns the member's transition, or null. */
    public static TransitionKind onTime(MemberState s, AlertRule rule, long now) {
        AlertCondition c = rule.condition();
        if (c.measure() == Measure.NO_DATA) {
            if (s.status == AlertStatus.NORMAL && s.lastSeen >= 0 && now - s.lastSeen >= c.noDataMillis()) {
                return to(s, AlertStatus.FIRING, TransitionKind.FIRING);
            }
            return null;
        }
        if (s.status == AlertStatus.PENDING && now - s.pendingSince >= rule.pendingMillis()) {
            return fire(s);
        }
        if (s.status == AlertStatus.FIRING
                && s.recoveringSince >= 0
                && now - s.recoveringSince >= rule.keepFiringMillis()) {
            return resolve(s);
        }
        return null;
    }

    /** When {@link #onTime} could next change something; {@link Long#MAX_VALUE} for never. */
    public static long deadline(MemberState s, AlertRule rule) {
        if (rule.condition().measure() == Measure.NO_DATA) {
            return s.status == AlertStatus.NORMAL && s.lastSeen >= 0
                    ? s.lastSeen + rule.condition().noDataMillis()
                    : Long.MAX_VALUE;
        }
        if (s.status == AlertStatus.PENDING) {
            return s.pendingSince + rule.pendingMillis();
        }
        if (s.status == AlertStatus.FIRING && s.recoveringSince >= 0) {
            return s.recoveringSince + rule.keepFiringMillis();
        }
        return Long.MAX_VALUE;
    }

    static BigDecimal measure(Measure m, Observation o, BigDecimal previous) {
        return switch (m) {
            case VALUE -> o.value();
            case ATTAINMENT_PERCENT ->
                o.attainment() == null ? null : o.attainment().multiply(HUNDRED);
            case CHANGE_PERCENT ->
                o.value() == null || previous == null || previous.signum() == 0
                        ? null
                        : o.value()
                                .subtract(previous)
                                .multiply(HUNDRED)
                                .divide(previous.abs(), PERCENT_SCALE, RoundingMode.HALF_EVEN);
            case NO_DATA -> throw new IllegalArgumentException("NO_DATA measures nothing");
        };
    }

    private static void startInstance(MemberState s, Observation o) {
        if (s.windowStart != null) {
            boolean follows = !o.windowStart().isAfter(s.windowEnd.plusDays(1));
            s.breachStreak = follows && s.currentBreach ? s.breachStreak + 1 : 0;
            s.previousValue = follows ? s.currentValue : null;
        }
        s.windowStart = o.windowStart();
        s.windowEnd = o.windowEnd();
        s.currentBreach = false;
        s.currentValue = null;
    }

    private static TransitionKind startPending(MemberState s, AlertRule rule, long now) {
        s.pendingSince = now;
        if (rule.pendingMillis() == 0) {
            return fire(s);
        }
        return to(s, AlertStatus.PENDING, TransitionKind.PENDING);
    }

    private static TransitionKind whileFiring(MemberState s, AlertRule rule, boolean recovered, long now) {
        if (!recovered) {
            s.recoveringSince = -1;
            return null;
        }
        if (s.recoveringSince < 0) {
            s.recoveringSince = now;
        }
        return now - s.recoveringSince >= rule.keepFiringMillis() ? resolve(s) : null;
    }

    private static TransitionKind fire(MemberState s) {
        s.recoveringSince = -1;
        return to(s, AlertStatus.FIRING, TransitionKind.FIRING);
    }

    private static TransitionKind resolve(MemberState s) {
        s.pendingSince = -1;
        s.recoveringSince = -1;
        return to(s, AlertStatus.NORMAL, TransitionKind.RESOLVED);
    }

    private static TransitionKind to(MemberState s, AlertStatus status, TransitionKind kind) {
        s.status = status;
        if (status == AlertStatus.NORMAL) {
            s.pendingSince = -1;
        }
        return kind;
    }
}
