package io.kpipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgChanges;
import io.kpipulse.testing.HarnessState;
import io.kpipulse.testing.TestEvents;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Admission under the operator harness, with the watermark driven by hand. */
class EventAdmissionHarnessTest {

    private static final long MINUTE = 60_000L;
    private final TestEvents e = new TestEvents("t1");
    private KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> h;

    @BeforeEach
    void open() throws Exception {
        h = admission(null);
        for (SpecificRecord org : List.<SpecificRecord>of(
                e.department("d-root", null, "2026-02-01T00:00"),
                e.department("d-sales", "d-root", "2026-02-01T00:00"),
                e.department("d-east", "d-root", "2026-02-01T00:00"),
                e.hire("e-1", "d-sales", "2026-02-01T09:00"))) {
            for (OrgChange change : OrgChanges.of(org)) {
                h.processBroadcastElement(ControlUpdate.of(change), 0);
            }
        }
    }

    /** Admission with out-of-orderness 5 s, allowed lateness 1 min, dedup margin 1 h: a horizon of 61 min. */
    private static KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> admission(
            OperatorSubtaskState restored) throws Exception {
        KeyedBroadcastOperatorTestHarness<String, RawRecord, ControlUpdate, SubjectItem> harness =
                AdmissionHarnesses.admission("t1", 5_000, MINUTE, 60 * MINUTE);
        if (restored != null) {
            harness.initializeState(restored);
        }
        harness.open();
        return harness;
    }

    /** The record of {@code event} as a producer stamping records with the event time sends it. */
    private RawRecord stampedWithItsOwnTime(SpecificRecord event) {
        return e.receivedAt(event, EventHeaders.header(event).getEventTime().toEpochMilli() + 100);
    }

    private void send(SpecificRecord event) throws Exception {
        RawRecord record = e.record(event);
        h.processElement(record, record.time());
    }

    private static long at(String time) {
        return TestEvents.at(time).toEpochMilli();
    }

    @Test
    void recordsWaitForTheWatermarkThenCountOnce() throws Exception {
        PolicyIssued policy = e.policy("e-1", "d-sales", "2026-03-10T10:00", "100.00", true);
        send(policy);
        send(policy);
        assertTrue(h.extractOutputValues().isEmpty(), "nothing before the watermark reaches the event time");
        h.watermark(at("2026-03-10T10:00"));
        List<SubjectItem> items = h.extractOutputValues();
        assertTrue(items.stream()
                .anyMatch(i -> i.subjectType() == SubjectType.EMPLOYEE
                        && i.item().indicatorId().equals("new_policy_premium")));
        assertEquals(
                1,
                items.stream()
                        .filter(i -> i.subjectType() == SubjectType.EMPLOYEE
                                && i.item().indicatorId().equals("new_policy_premium"))
                        .count(),
                "the duplicate counts once");
        assertEquals(1, h.getSideOutput(Outputs.ARCHIVE).size());
    }

    @Test
    void aRecordReceivedLongerThanOutOfOrdernessPlusLatenessAfterItHappenedIsLate() throws Exception {
        long now = at("2026-03-10T12:00");
        RawRecord onTime = e.receivedAt(e.policy("e-1", "d-sales", "2026-03-10T11:59", "1.00", true), now); // 65 s
        RawRecord late = e.receivedAt(e.policy("e-1", "d-sales", "2026-03-10T11:58:54", "2.00", true), now); // 66 s
        h.processElement(onTime, onTime.time());
        h.processElement(late, late.time());
        h.watermark(now);
        assertEquals(1, h.getSideOutput(Outputs.LATE).size());
        assertEquals(
                late.offset(), h.getSideOutput(Outputs.LATE).peek().getValue().offset());
        assertEquals(1, h.getSideOutput(Outputs.ARCHIVE).size());
    }

    @Test
    void anEventDatedBeyondTheHorizonIsLateEvenThoughItsRecordWasSentOnTime() throws Exception {
        RawRecord first = stampedWithItsOwnTime(e.policy("e-1", "d-sales", "2026-11-24T10:00", "100.00", true));
        h.processElement(first, first.time());
        h.watermark(at("2026-11-24T10:00"));
        h.watermark(at("2026-12-01T12:00")); // any live event
        RawRecord second = stampedWithItsOwnTime(e.policy("e-1", "d-sales", "2026-11-24T10:00:03", "100.00", true));
        h.processElement(second, second.time());
        assertEquals(1, h.getSideOutput(Outputs.ARCHIVE).size(), "only the first counts");
        assertEquals(1, h.getSideOutput(Outputs.LATE).size());
        LateEvent late = h.getSideOutput(Outputs.LATE).peek().getValue();
        assertEquals(second.offset(), late.offset());
        assertTrue(late.reason().startsWith("dated beyond the horizon"), late.reason());
    }

    @Test
    void anEventWithinTheHorizonWhenItCameCountsThoughTheWatermarkJumpedBeforeItsTime() throws Exception {
        h.watermark(at("2026-11-24T09:00"));
        send(e.policy("e-1", "d-sales", "2026-11-24T10:00", "100.00", true));
        h.watermark(at("2026-12-01T12:00")); // released only now, a week past its time
        assertEquals(1, h.getSideOutput(Outputs.ARCHIVE).size());
        assertTrue(h.getSideOutput(Outputs.LATE) == null
                || h.getSideOutput(Outputs.LATE).isEmpty());
    }

    @Test
    void anEventJustWithinTheHorizonCountsAndOneAtItIsLate() throws Exception {
        h.watermark(at("2026-12-01T12:00"));
        send(e.policy("e-1", "d-sales", "2026-12-01T10:59:00.001", "1.00", true)); // 60 min 59.999 s before
        send(e.policy("e-1", "d-sales", "2026-12-01T10:59", "2.00", true)); // 61 min before
        assertEquals(1, h.getSideOutput(Outputs.ARCHIVE).size());
        assertEquals(1, h.getSideOutput(Outputs.LATE).size());
    }

    @Test
    void theHorizonDoesNotMoveBackWhenTheJobIsRestoredFromACheckpoint() throws Exception {
        send(e.policy("e-1", "d-sales", "2026-12-01T12:00", "1.00", true)); // a live event moves the watermark
        h.watermark(at("2026-12-01T12:00"));
        OperatorSubtaskState checkpoint = h.snapshot(1, 1);
        h.close();
        // After a restore the watermark starts from nothing; the state restored with it went on to the 1st.
        h = admission(checkpoint);
        send(e.policy("e-1", "d-sales", "2026-11-24T10:00", "100.00", true));
        h.watermark(at("2026-11-24T10:00"));
        assertTrue(h.getSideOutput(Outputs.ARCHIVE) == null
                || h.getSideOutput(Outputs.ARCHIVE).isEmpty());
        assertEquals(1, h.getSideOutput(Outputs.LATE).size());
    }

    @Test
    void workCountsForTheDepartmentTheEmployeeBelongedToThen() throws Exception {
        for (OrgChange change : OrgChanges.of(e.hire("e-1", "d-east", "2026-03-15T00:00"))) {
            h.processBroadcastElement(ControlUpdate.of(change), 0);
        }
        send(e.policy("e-1", null, "2026-03-14T10:00", "1.00", true));
        send(e.policy("e-1", null, "2026-03-16T10:00", "2.00", true));
        h.watermark(at("2026-03-17T00:00"));
        List<String> departments = h.extractOutputValues().stream()
                .filter(i -> i.subjectType() == SubjectType.DEPARTMENT
                        && i.item().indicatorId().equals("new_policy_premium")
                        && !i.subjectId().equals("d-root"))
                .map(i -> i.subjectId() + "@" + i.item().amount())
                .toList();
        assertEquals(List.of("d-sales@1.00", "d-east@2.00"), departments);
    }

    @Test
    void unknownEmployeesAndUnknownTenantsAreDeadLettered() throws Exception {
        send(e.policy("e-404", "d-sales", "2026-03-10T10:00", "1.00", true));
        send(new TestEvents("t-unknown").policy("e-1", "d-sales", "2026-03-10T10:00", "1.00", true));
        h.watermark(at("2026-03-11T00:00"));
        List<RejectionReason> reasons = h.getSideOutput(Outputs.DEAD_LETTERS).stream()
                .map(r -> r.getValue().reason())
                .sorted()
                .toList();
        assertEquals(
                List.of(RejectionReason.UNKNOWN_TENANT, RejectionReason.UNKNOWN_EMPLOYEE).stream()
                        .sorted()
                        .toList(),
                reasons);
    }

    @Test
    void rememberedEventIdsAreForgottenOnceACopyWouldBeLateAnyway() throws Exception {
        send(e.policy("e-1", "d-sales", "2026-03-10T10:00", "1.00", true));
        h.watermark(at("2026-03-10T10:00"));
        assertTrue(HarnessState.keyedEntries(h) > 0);
        h.watermark(at("2026-03-10T12:00"));
        assertEquals(0, HarnessState.keyedEntries(h), "buffer, accepted ids and expiries are all empty");
        assertEquals(0, h.numEventTimeTimers());
    }

    @Test
    void aKeyKeepsOneTimerHoweverManyRecordsWaitAndIdsItRemembers() throws Exception {
        PolicyIssued late = e.policy("e-1", "d-sales", "2026-03-10T10:05", "3.00", true);
        PolicyIssued early = e.policy("e-1", "d-sales", "2026-03-10T10:01", "1.00", true);
        PolicyIssued middle = e.policy("e-1", "d-sales", "2026-03-10T10:03", "2.00", true);
        send(late);
        send(early);
        send(middle);
        assertEquals(1, h.numEventTimeTimers(), "one timer, at the earliest record: 10:01");
        h.watermark(at("2026-03-10T10:03"));
        List<String> released = h.getSideOutput(Outputs.ARCHIVE).stream()
                .map(r -> r.getValue().eventId())
                .toList();
        assertEquals(
                List.of(
                        EventHeaders.header(early).getEventId().toString(),
                        EventHeaders.header(middle).getEventId().toString()),
                released,
                "released in event-time order up to the watermark, the 10:05 record still waits");
        assertEquals(1, h.numEventTimeTimers(), "one timer again: the waiting 10:05 record before the expiries");
        send(middle);
        h.watermark(at("2026-03-10T10:05"));
        assertEquals(3, h.getSideOutput(Outputs.ARCHIVE).size(), "the copy of a released record counts once");
        assertEquals(1, h.numEventTimeTimers(), "one timer for three remembered ids");
        h.watermark(at("2026-03-10T12:00"));
        assertEquals(0, HarnessState.keyedEntries(h));
        assertEquals(0, h.numEventTimeTimers());
    }
}
