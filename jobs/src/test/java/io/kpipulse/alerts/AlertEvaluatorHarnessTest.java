package io.kpipulse.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.AlertCondition;
import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.Grouping;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.testing.HarnessState;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.BroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router and the keyed evaluator driven by hand: rows, org changes, rule changes and watermarks. */
class AlertEvaluatorHarnessTest {

    private static final String TENANT = "t1";
    private static final long MINUTE = 60_000;
    private static final long T0 = 1_772_000_000_000L;
    private static final LocalDate DAY = LocalDate.of(2026, 3, 2);

    private BroadcastOperatorTestHarness<IndicatorRow, AlertControl, RuleInput> router;
    private KeyedBroadcastOperatorTestHarness<String, RuleInput, AlertControl, AlertTransition> evaluator;
    private long recordTime;

    private void open(OperatorSubtaskState restoreFrom) throws Exception {
        open(restoreFrom, AlertHistory.none());
    }

    private void open(OperatorSubtaskState restoreFrom, AlertHistory history) throws Exception {
        router = ProcessFunctionTestHarnesses.forBroadcastProcessFunction(
                new AlertRouter(), OrgDirectory.STATE, AlertRules.STATE);
        router.open();
        evaluator = new KeyedBroadcastOperatorTestHarness<>(
                new CoBroadcastWithKeyedOperator<>(
                        new AlertEvaluator(history), List.of(OrgDirectory.STATE, AlertRules.STATE)),
                RuleInput::key,
                Types.STRING,
                1,
                1,
                0);
        if (restoreFrom != null) {
            evaluator.initializeState(restoreFrom);
        }
        evaluator.open();
        org(OrgChange.Kind.DEPARTMENT_PARENT, "d-root", null);
        org(OrgChange.Kind.DEPARTMENT_PARENT, "d-team", "d-root");
        org(OrgChange.Kind.DEPARTMENT_PARENT, "d-other", "d-root");
        org(OrgChange.Kind.EMPLOYEE_DEPARTMENT, "e1", "d-team");
        org(OrgChange.Kind.EMPLOYEE_DEPARTMENT, "e2", "d-team");
        org(OrgChange.Kind.EMPLOYEE_DEPARTMENT, "e3", "d-other");
    }

    @AfterEach
    void close() throws Exception {
        router.close();
        evaluator.close();
    }

    private void org(OrgChange.Kind kind, String id, String value) throws Exception {
        AlertControl c = AlertControl.of(new OrgChange(TENANT, kind, id, 0, value));
        router.processBroadcastElement(c, 0);
        evaluator.processBroadcastElement(c, 0);
    }

    private void rule(AlertRule r) throws Exception {
        AlertControl c = AlertControl.of(new AlertRuleUpdate(r.controlKey(), r));
        router.processBroadcastElement(c, 0);
        evaluator.processBroadcastElement(c, 0);
    }

    private static AlertRule trainingRule(String subtree, Grouping grouping, long pending) {
        return new AlertRule(
                TENANT,
                "pass-rate",
                1,
                "pass rate",
                "training_pass_rate",
                WindowType.MONTH_TO_DATE,
                SubjectType.EMPLOYEE,
                subtree,
                AlertCondition.below("0.90").resolvingAt("0.92"),
                io.kpipulse.alerts.rules.Severity.WARNING,
                pending,
                0,
                grouping,
                "u-head",
                true);
    }

    /** One row of e-subject at T0 + minutes; routed, then evaluated. */
    private void row(String employee, String value, long minutes) throws Exception {
        rowAt(employee, value, T0 + minutes * MINUTE);
    }

    /** One row of e-subject whose newest event is at {@code eventTime}; routed, then evaluated. */
    private void rowAt(String employee, String value, long eventTime) throws Exception {
        IndicatorRow r = new IndicatorRow(
                TENANT,
                "training_pass_rate",
                WindowType.MONTH_TO_DATE,
                DAY.withDayOfMonth(1),
                DAY.withDayOfMonth(31),
                SubjectType.EMPLOYEE,
                employee,
                List.of(),
                new BigDecimal(value),
                null,
                null,
                null,
                null,
                1,
                eventTime,
                1,
                1,
                T0);
        int before = router.getOutput().size();
        router.processElement(r, ++recordTime);
        List<Object> routed = new ArrayList<>(router.getOutput())
                .subList(before, router.getOutput().size());
        for (Object o : routed) {
            @SuppressWarnings("unchecked")
            StreamRecord<RuleInput> input = (StreamRecord<RuleInput>) o;
            evaluator.processElement(input.getValue(), recordTime);
        }
    }

    private List<AlertTransition> transitions() {
        List<AlertTransition> out = new ArrayList<>();
        for (Object o : evaluator.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                out.add((AlertTransition) r.getValue());
            }
        }
        return out;
    }

    private List<String> kinds() {
        return transitions().stream()
                .map(t -> t.kind() + "#" + t.sequence() + "@" + t.groupId())
                .toList();
    }

    @Test
    void aDepartmentWideProblemIsOneNotificationAndResolvesWithItsLastMember() throws Exception {
        open(null);
        rule(trainingRule("d-team", Grouping.DEPARTMENT, 0));
        row("e1", "0.80", 1);
        row("e2", "0.70", 2);
        row("e3", "0.10", 3); // d-other: outside the rule's subtree
        row("e1", "0.95", 4);
        row("e2", "0.91", 5); // between the lines: still firing
        row("e2", "0.93", 6);
        assertEquals(List.of("FIRING#1@d-team", "RESOLVED#2@d-team"), kinds());
        AlertTransition firing = transitions().get(0);
        assertEquals("e1", firing.subjectId());
        assertEquals(List.of("d-team", "d-root"), firing.departmentPath());
        assertEquals(0, new BigDecimal("0.90").compareTo(firing.threshold()));
        assertEquals(T0 + MINUTE, firing.eventTime());
        assertEquals(0, transitions().get(1).membersFiring());
    }

    @Test
    void thePendingDurationEndsOnAnEventTimeTimer() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 5 * MINUTE));
        row("e3", "0.80", 0);
        evaluator.watermark(T0 + 4 * MINUTE);
        assertEquals(List.of("PENDING#1@e3"), kinds());
        evaluator.watermark(T0 + 5 * MINUTE);
        assertEquals(List.of("PENDING#1@e3", "FIRING#2@e3"), kinds());
        assertEquals(T0 + 5 * MINUTE, transitions().get(1).eventTime());
    }

    @Test
    void aRestoreFromASnapshotKeepsThePendingAlertAndDoesNotRepeatWhatWasSent() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 5 * MINUTE));
        row("e1", "0.80", 0);
        evaluator.watermark(T0 + 5 * MINUTE);
        row("e3", "0.80", 6); // e3 pending when the snapshot is taken
        OperatorSubtaskState snapshot = evaluator.snapshot(1, 1);
        assertEquals(List.of("PENDING#1@e1", "FIRING#2@e1", "PENDING#1@e3"), kinds());
        close();

        open(snapshot);
        rule(trainingRule("d-root", Grouping.SUBJECT, 5 * MINUTE)); // the control topic is read again
        row("e1", "0.70", 7); // still firing: nothing new
        evaluator.watermark(T0 + 11 * MINUTE);
        assertEquals(List.of("FIRING#2@e3"), kinds());
    }

    /** Published history of e1's alert: one transition, made at T0 + minutes. */
    private static AlertHistory published(long sequence, TransitionKind kind, long minutes) {
        return owns -> Map.of(TENANT + "|pass-rate|e1", new Published(sequence, kind, T0 + minutes * MINUTE));
    }

    @Test
    void aRestoreOlderThanAPublishedFiringResolvesItOnceWhenTheReplayShowsOnlyTheRecovery() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.95", 1);
        OperatorSubtaskState beforeTheFiring = evaluator.snapshot(1, 1);
        row("e1", "0.80", 2);
        assertEquals(List.of("FIRING#1@e1"), kinds());
        close();

        open(beforeTheFiring, published(1, TransitionKind.FIRING, 2));
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.95", 3); // the engine coalesced 0.80 and 0.95 into one row
        evaluator.watermark(T0 + 4 * MINUTE);
        assertEquals(List.of("RESOLVED#2@e1"), kinds());
    }

    @Test
    void aReplayOfAnAlreadyResolvedAlertAnnouncesNothingAndTheNextFiringTakesTheNextNumber() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.95", 1);
        OperatorSubtaskState beforeTheFiring = evaluator.snapshot(1, 1);
        close();

        open(beforeTheFiring, published(2, TransitionKind.RESOLVED, 3));
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.80", 2); // replayed exactly as the first run saw it: FIRING#1 and RESOLVED#2 were sent
        row("e1", "0.95", 3);
        evaluator.watermark(T0 + 4 * MINUTE);
        assertEquals(List.of(), kinds());
        row("e1", "0.70", 5);
        assertEquals(List.of("FIRING#3@e1"), kinds());
    }

    @Test
    void anAdoptedFiringIsCorrectedOnceTheWatermarkPassesItEvenWithoutAnotherRow() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.95", 1);
        OperatorSubtaskState beforeTheFiring = evaluator.snapshot(1, 1);
        close();

        open(beforeTheFiring, published(1, TransitionKind.FIRING, 2));
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.95", 2); // at the published clock: history, not announced
        assertEquals(List.of(), kinds());
        evaluator.watermark(T0 + 3 * MINUTE);
        assertEquals(List.of("RESOLVED#2@e1"), kinds());
        assertEquals(T0 + 2 * MINUTE + 1, transitions().get(0).eventTime());
    }

    @Test
    void aRestoreCorrectsAFiringMadeWhileTheLiveWatermarkRanAheadOfTheEventsWithoutAnotherWatermark() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        row("e1", "0.95", 1);
        OperatorSubtaskState beforeTheFiring = evaluator.snapshot(1, 1);
        evaluator.watermark(T0 + 3 * MINUTE); // a quiet live partition moves the watermark with the wall clock
        row("e1", "0.80", 2);
        AlertTransition firing = transitions().get(0);
        assertEquals(T0 + 2 * MINUTE, firing.eventTime(), "the clock is the events' time, not the watermark");
        close();

        Published told = new Published(firing.sequence(), firing.kind(), firing.eventTime());
        open(beforeTheFiring, owns -> Map.of(TENANT + "|pass-rate|e1", told));
        rule(trainingRule("d-root", Grouping.SUBJECT, 0));
        // the recovery, dated after the FIRING's events but before the first run's watermark; then the input
        // stops, so the restored job's watermark never reaches that far
        rowAt("e1", "0.95", T0 + 2 * MINUTE + 30_000);
        assertEquals(List.of("RESOLVED#2@e1"), kinds());
    }

    @Test
    void aPendingDurationTheWatermarkHasAlreadyPassedFiresWithTheRowNotOnAWatermarkThatMayNeverCome() throws Exception {
        open(null);
        rule(trainingRule("d-root", Grouping.SUBJECT, 5 * MINUTE));
        evaluator.watermark(T0 + 10 * MINUTE);
        row("e1", "0.80", 1); // a row behind the watermark, whose pending duration ended at T0 + 6 min
        assertEquals(List.of("PENDING#1@e1", "FIRING#2@e1"), kinds());
        assertEquals(T0 + 6 * MINUTE, transitions().get(1).eventTime());
    }

    @Test
    void deletingARuleResolvesItsFiringAlertsAndLeavesNoState() throws Exception {
        open(null);
        AlertRule r = trainingRule("d-root", Grouping.SUBJECT, 0);
        rule(r);
        row("e1", "0.80", 0);
        row("e2", "0.95", 0);
        AlertControl delete = AlertControl.of(new AlertRuleUpdate(r.controlKey(), null));
        router.processBroadcastElement(delete, 0);
        evaluator.processBroadcastElement(delete, 0);
        assertEquals(List.of("FIRING#1@e1", "RESOLVED#2@e1"), kinds());
        // members cleared; each alert of the rule keeps its sequence number only (e1's and e2's)
        assertEquals(2, HarnessState.keyedEntries(evaluator));
        row("e1", "0.10", 1);
        assertEquals(2, transitions().size());
        assertEquals(TransitionKind.RESOLVED, transitions().get(1).kind());
    }

    @Test
    void aRuleDeletedAndReCreatedUnderTheSameIdNumbersItsAlertsAfterTheOldOnes() throws Exception {
        open(null);
        AlertRule r = trainingRule("d-root", Grouping.SUBJECT, 0);
        rule(r);
        row("e1", "0.80", 0);
        row("e1", "0.95", 1);
        row("e1", "0.80", 2);
        AlertControl delete = AlertControl.of(new AlertRuleUpdate(r.controlKey(), null));
        router.processBroadcastElement(delete, 0);
        evaluator.processBroadcastElement(delete, 0);
        rule(r.withVersion(r.version() + 2)); // the store's versions keep growing across a re-creation
        row("e1", "0.80", 3);
        assertEquals(List.of("FIRING#1@e1", "RESOLVED#2@e1", "FIRING#3@e1", "RESOLVED#4@e1", "FIRING#5@e1"), kinds());
    }
}
