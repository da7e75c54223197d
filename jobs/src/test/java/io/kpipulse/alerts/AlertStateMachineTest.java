package io.kpipulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.alerts.lifecycle.AlertStatus;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.AlertCondition;
import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.Comparison;
import io.kpipulse.alerts.rules.Grouping;
import io.kpipulse.alerts.rules.Measure;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertStateMachineTest {

    private static final long MINUTE = 60_000;
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    static AlertRule rule(AlertCondition condition) {
        return new AlertRule(
                "t1",
                "r1",
                1,
                "cycle time",
                "claim_cycle_time_avg",
                WindowType.DAY,
                SubjectType.DEPARTMENT,
                "d-root",
                condition,
                Severity.CRITICAL,
                0,
                0,
                Grouping.SUBJECT,
                "u-head",
                true);
    }

    private static Observation value(String v) {
        return on(DAY, v, null, null);
    }

    private static Observation on(LocalDate day, String v, String target, String attainment) {
        return new Observation(
                day,
                day,
                v == null ? null : new BigDecimal(v),
                target == null ? null : new BigDecimal(target),
                attainment == null ? null : new BigDecimal(attainment));
    }

    /** Feeds values one minute apart; returns the transitions (null where nothing changed). */
    private static List<TransitionKind> feed(MemberState s, AlertRule rule, String... values) {
        List<TransitionKind> out = new ArrayList<>();
        long t = 0;
        for (String v : values) {
            out.add(AlertStateMachine.onUpdate(s, rule, value(v), t += MINUTE));
        }
        return out;
    }

    @Test
    void aboveThresholdFiresOnTheFirstBreachWithoutPendingDuration() {
        MemberState s = new MemberState();
        assertEquals(
                java.util.Arrays.asList(null, TransitionKind.FIRING, null, TransitionKind.RESOLVED),
                feed(s, rule(AlertCondition.above("2")), "1.5", "2.5", "3", "1.9"));
        assertEquals(AlertStatus.NORMAL, s.status);
    }

    @Test
    void aValueExactlyAtTheLineIsNotABreach() {
        MemberState s = new MemberState();
        assertEquals(java.util.Arrays.asList(null, null), feed(s, rule(AlertCondition.above("2")), "2", "2.000"));
    }

    @Test
    void hoveringBetweenTheResolveLineAndTheThresholdDoesNotFlap() {
        MemberState s = new MemberState();
        AlertRule r = rule(AlertCondition.above("2").resolvingAt("1.8"));
        assertEquals(
                java.util.Arrays.asList(
                        TransitionKind.FIRING, null, null, null, null, null, TransitionKind.RESOLVED, null, null),
                feed(s, r, "2.1", "1.9", "2.05", "1.85", "2.2", "1.8", "1.79", "1.95", "2.0"));
    }

    @Test
    void pendingDurationMustPassBeforeFiringAndAnEarlyRecoveryClears() {
        AlertRule r = rule(AlertCondition.below("0.9")).withTiming(5 * MINUTE, 0);
        MemberState s = new MemberState();
        assertEquals(TransitionKind.PENDING, AlertStateMachine.onUpdate(s, r, value("0.85"), 0));
        assertNull(AlertStateMachine.onUpdate(s, r, value("0.80"), 4 * MINUTE));
        assertEquals(5 * MINUTE, AlertStateMachine.deadline(s, r));
        assertEquals(TransitionKind.FIRING, AlertStateMachine.onTime(s, r, 5 * MINUTE));

        MemberState early = new MemberState();
        assertEquals(TransitionKind.PENDING, AlertStateMachine.onUpdate(early, r, value("0.85"), 0));
        assertEquals(TransitionKind.CLEARED, AlertStateMachine.onUpdate(early, r, value("0.95"), 2 * MINUTE));
        assertNull(AlertStateMachine.onTime(early, r, 5 * MINUTE));
        assertEquals(AlertStatus.NORMAL, early.status);
    }

    @Test
    void keepFiringHoldsTheAlertUntilTheRecoveryLastedAndARelapseRestartsIt() {
        AlertRule r = rule(AlertCondition.above("2")).withTiming(0, 10 * MINUTE);
        MemberState s = new MemberState();
        assertEquals(TransitionKind.FIRING, AlertStateMachine.onUpdate(s, r, value("3"), 0));
        assertNull(AlertStateMachine.onUpdate(s, r, value("1"), MINUTE));
        assertNull(AlertStateMachine.onUpdate(s, r, value("2.5"), 5 * MINUTE)); // relapse
        assertNull(AlertStateMachine.onUpdate(s, r, value("1"), 6 * MINUTE));
        assertNull(AlertStateMachine.onTime(s, r, 11 * MINUTE)); // 10 min after the first recovery, not the second
        assertEquals(16 * MINUTE, AlertStateMachine.deadline(s, r));
        assertEquals(TransitionKind.RESOLVED, AlertStateMachine.onTime(s, r, 16 * MINUTE));
    }

    @Test
    void belowTheTargetComparesWithEachRowsOwnTarget() {
        AlertRule r = rule(AlertCondition.againstTarget(Comparison.BELOW));
        MemberState s = new MemberState();
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY, "0.80", "0.75", null), 1));
        assertEquals(TransitionKind.FIRING, AlertStateMachine.onUpdate(s, r, on(DAY, "0.80", "0.85", null), 2));
        assertEquals(new BigDecimal("0.85"), s.line);
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY, "0.80", null, null), 3)); // no target: unknown
        assertEquals(TransitionKind.RESOLVED, AlertStateMachine.onUpdate(s, r, on(DAY, "0.86", "0.85", null), 4));
    }

    @Test
    void attainmentBelowPercentComparesAttainmentTimesHundred() {
        AlertRule r = rule(new AlertCondition(
                Measure.ATTAINMENT_PERCENT, Comparison.BELOW, new BigDecimal("90"), false, null, 1, 0));
        MemberState s = new MemberState();
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY, "9", "10", "0.9000"), 1)); // exactly 90%
        assertEquals(TransitionKind.FIRING, AlertStateMachine.onUpdate(s, r, on(DAY, "8", "10", "0.8000"), 2));
        assertEquals(0, new BigDecimal("80").compareTo(s.measured));
    }

    @Test
    void nConsecutiveWindowsNeedTheEarlierInstancesToHaveBreachedByTheirFinalValue() {
        AlertRule r = rule(AlertCondition.above("2").forWindows(3));
        MemberState s = new MemberState();
        LocalDate d = DAY;
        assertNull(AlertStateMachine.onUpdate(s, r, on(d, "3", null, null), 1));
        assertNull(AlertStateMachine.onUpdate(s, r, on(d, "1", null, null), 2)); // day 1 ends below
        assertNull(AlertStateMachine.onUpdate(s, r, on(d.plusDays(1), "3", null, null), 3));
        assertNull(AlertStateMachine.onUpdate(s, r, on(d.plusDays(2), "3", null, null), 4));
        assertEquals(TransitionKind.FIRING, AlertStateMachine.onUpdate(s, r, on(d.plusDays(3), "3", null, null), 5));

        MemberState gap = new MemberState();
        assertNull(AlertStateMachine.onUpdate(gap, r, on(d, "3", null, null), 1));
        assertNull(AlertStateMachine.onUpdate(gap, r, on(d.plusDays(1), "3", null, null), 2));
        assertNull(AlertStateMachine.onUpdate(gap, r, on(d.plusDays(3), "3", null, null), 3)); // a day missing
    }

    @Test
    void changeAgainstThePreviousPeriodUsesThePreviousInstancesFinalValue() {
        AlertRule r = rule(
                new AlertCondition(Measure.CHANGE_PERCENT, Comparison.BELOW, new BigDecimal("-5"), false, null, 1, 0));
        MemberState s = new MemberState();
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY, "9.0", null, null), 1));
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY, "8.0", null, null), 2)); // final value of day 1
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY.plusDays(1), "7.7", null, null), 3)); // -3.75%
        assertEquals(
                TransitionKind.FIRING, AlertStateMachine.onUpdate(s, r, on(DAY.plusDays(1), "7.5", null, null), 4));
        assertEquals(0, new BigDecimal("-6.25").compareTo(s.measured)); // (7.5 - 8) / 8
        assertEquals(0, new BigDecimal("8.0").compareTo(s.previousValue));
    }

    @Test
    void noDataFiresAfterTheDurationWithoutUpdatesAndResolvesWithTheNextOne() {
        AlertRule r = rule(AlertCondition.noData(30 * MINUTE));
        MemberState s = new MemberState();
        assertNull(AlertStateMachine.onUpdate(s, r, value("1"), 0));
        assertEquals(30 * MINUTE, AlertStateMachine.deadline(s, r));
        assertNull(AlertStateMachine.onTime(s, r, 29 * MINUTE));
        assertEquals(TransitionKind.FIRING, AlertStateMachine.onTime(s, r, 30 * MINUTE));
        assertNull(AlertStateMachine.onTime(s, r, 60 * MINUTE));
        assertEquals(TransitionKind.RESOLVED, AlertStateMachine.onUpdate(s, r, value("2"), 61 * MINUTE));
    }

    @Test
    void aLateCorrectionOfAnOlderWindowInstanceChangesNothing() {
        AlertRule r = rule(AlertCondition.above("2"));
        MemberState s = new MemberState();
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY.plusDays(1), "1", null, null), 1));
        assertNull(AlertStateMachine.onUpdate(s, r, on(DAY, "5", null, null), 2));
        assertEquals(AlertStatus.NORMAL, s.status);
    }

    @Test
    void aGroupFiresWithItsFirstFiringMemberAndResolvesWithItsLast() {
        GroupState g = new GroupState();
        assertEquals(TransitionKind.PENDING, g.apply(TransitionKind.PENDING, AlertStatus.NORMAL, 0));
        assertEquals(TransitionKind.FIRING, g.apply(TransitionKind.FIRING, AlertStatus.PENDING, 0));
        assertNull(g.apply(TransitionKind.FIRING, AlertStatus.NORMAL, 0)); // a second employee of the department
        assertNull(g.apply(TransitionKind.RESOLVED, AlertStatus.FIRING, 0));
        assertEquals(TransitionKind.RESOLVED, g.apply(TransitionKind.RESOLVED, AlertStatus.FIRING, 0));
        assertEquals(3, g.sequence);
        assertEquals(AlertStatus.NORMAL, g.status());
    }

    @Test
    void anAdoptedNewerHistoryIsCountedSilentlyUntilItsClockThenOnlyTheDifferenceIsAnnounced() {
        GroupState g = new GroupState();
        assertTrue(g.adopt(new Published(4, TransitionKind.FIRING, 100)));
        assertFalse(g.adopt(new Published(3, TransitionKind.RESOLVED, 90))); // older than what it has
        assertNull(g.apply(TransitionKind.FIRING, AlertStatus.NORMAL, 100)); // replayed: announced before
        assertNull(g.apply(TransitionKind.RESOLVED, AlertStatus.FIRING, 100));
        assertEquals(TransitionKind.RESOLVED, g.announce(101)); // told FIRING, is NORMAL
        assertEquals(5, g.sequence);
        assertNull(g.announce(102));
        assertEquals(TransitionKind.FIRING, g.apply(TransitionKind.FIRING, AlertStatus.NORMAL, 103));
        assertEquals(6, g.sequence);
    }
}
