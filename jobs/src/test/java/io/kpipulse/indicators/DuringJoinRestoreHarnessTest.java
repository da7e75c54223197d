package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.events.EventTypes;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgChanges;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.OrgDirectoryView;
import io.kpipulse.org.TimeLine;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.testing.HarnessState;
import io.kpipulse.testing.TestEvents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.junit.jupiter.api.Test;

/**
 * Sales during incidents must be a function of the events only: whatever order the incident's sides and
 * the sales arrive in, wherever the watermark stands when each arrives (a side admitted behind it, as
 * after a partition was read late), and wherever the job is snapshotted and restored — the restored
 * operators starting with no watermark and the rest replayed — the items net of withdrawals are those
 * computed by hand.
 */
class DuringJoinRestoreHarnessTest {

    private static final String INDICATOR = "sales_during_incidents";
    /** The horizon these runs assume: every side arrives less than this behind the watermark (else it is late). */
    private static final long RETAIN = 6 * 3_600_000L;

    private final TestEvents e = new TestEvents("t1");
    private final ItemDeriver deriver = new ItemDeriver(CatalogFixtures.LIBRARY);
    private final Map<String, TimeLine> directory = new HashMap<>();
    private final List<ControlUpdate> org = new ArrayList<>();

    DuringJoinRestoreHarnessTest() {
        for (SpecificRecord event : List.<SpecificRecord>of(
                e.department("d-root", null, "2026-02-01T00:00"),
                e.department("d-it", "d-root", "2026-02-01T00:00"),
                e.department("d-sales", "d-root", "2026-02-01T00:00"),
                e.department("d-east", "d-sales", "2026-02-01T00:00"),
                e.hire("e-it", "d-it", "2026-02-01T09:00"),
                e.hire("e-1", "d-east", "2026-02-01T09:00"))) {
            for (OrgChange change : OrgChanges.of(event)) {
                org.add(ControlUpdate.of(change));
                directory
                        .computeIfAbsent(change.stateKey(), k -> new TimeLine())
                        .set(change.fromMillis(), change.value());
            }
        }
    }

    /** A step of a run: an event (its sides to the step that reads it) or the watermark moving on. */
    private record Step(List<Partial> sides, long watermark) {
        boolean isWatermark() {
            return sides == null;
        }
    }

    private Step send(SpecificRecord event) {
        Derivation d = deriver.derive(
                EventTypes.of(event.getClass()),
                event,
                new OrgDirectoryView(directory::get),
                TenantCalendar.defaults());
        return new Step(
                d.partials().stream()
                        .filter(p -> p.indicatorId().equals(INDICATOR))
                        .toList(),
                0);
    }

    private static Step advance(String when) {
        return new Step(null, TestEvents.at(when).toEpochMilli());
    }

    private Step sale(String when) {
        return send(e.policy("e-1", "d-east", when, "1000.00", true));
    }

    /** Both steps of the join, wired as in the pipeline, restartable from a snapshot. */
    private final class Join {
        final KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, Partial> router;
        final KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, SubjectItem> joiner;
        private int passedOn;

        Join(OperatorSubtaskState routerState, OperatorSubtaskState joinerState) throws Exception {
            router = harness(new IntervalRouter(CatalogFixtures.libraryUpdate(), RETAIN), routerState);
            joiner = harness(
                    new DuringJoiner(CatalogFixtures.libraryUpdate(), Map.of("t1", TenantCalendar.defaults()), RETAIN),
                    joinerState);
            if (routerState == null) {
                for (ControlUpdate update : org) {
                    router.processBroadcastElement(update, 0);
                    joiner.processBroadcastElement(update, 0);
                }
            }
        }

        private <O> KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, O> harness(
                KeyedBroadcastProcessFunction<String, Partial, ControlUpdate, O> function, OperatorSubtaskState state)
                throws Exception {
            List<MapStateDescriptor<?, ?>> broadcast = List.of(OrgDirectory.STATE, CurrentCatalog.STATE);
            KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, O> h =
                    new KeyedBroadcastOperatorTestHarness<>(
                            new CoBroadcastWithKeyedOperator<>(function, broadcast),
                            Partial::joinKey,
                            Types.STRING,
                            1,
                            1,
                            0);
            if (state != null) {
                h.initializeState(state);
            }
            h.open();
            return h;
        }

        void run(Step step) throws Exception {
            if (step.isWatermark()) {
                router.watermark(step.watermark()); // the router first, as the watermark flows
                passOn();
                joiner.watermark(step.watermark());
            } else {
                for (Partial side : step.sides()) {
                    (side.role().boundsAnInterval() ? router : joiner).processElement(side, side.timeMillis());
                }
                passOn();
            }
        }

        private void passOn() throws Exception {
            List<Partial> bounds = router.extractOutputValues();
            for (Partial bound : bounds.subList(passedOn, bounds.size())) {
                joiner.processElement(bound, bound.timeMillis());
            }
            passedOn = bounds.size();
        }

        Join restart() throws Exception {
            OperatorSubtaskState r = router.snapshot(1, 0);
            OperatorSubtaskState j = joiner.snapshot(1, 0);
            router.close();
            joiner.close();
            return new Join(r, j);
        }
    }

    /**
     * Runs {@code steps}, snapshotting and restoring after {@code restoreAfter} of them (none if negative);
     * with {@code watermarkFirst} the restored run gets the newest watermark before the replayed events,
     * as when the watermark overtook the partitions being read. Returns the net count per subject and sale
     * time, then moves the watermark far on and checks that nothing is left behind.
     */
    private Map<String, Map<Long, Integer>> run(List<Step> steps, int restoreAfter, boolean watermarkFirst)
            throws Exception {
        Map<String, Map<Long, Integer>> net = new TreeMap<>();
        Join join = new Join(null, null);
        List<Step> rest = steps;
        if (restoreAfter >= 0) {
            for (Step step : steps.subList(0, restoreAfter)) {
                join.run(step);
            }
            count(join, net);
            join = join.restart();
            rest = new ArrayList<>(steps.subList(restoreAfter, steps.size()));
            if (watermarkFirst) {
                long newest = steps.stream().mapToLong(Step::watermark).max().orElseThrow();
                rest.add(0, new Step(null, newest));
            }
        }
        for (Step step : rest) {
            join.run(step);
        }
        join.run(advance("2026-03-20T00:00"));
        count(join, net);
        net.values().forEach(times -> times.values().removeIf(n -> n == 0));
        net.values().removeIf(Map::isEmpty);
        assertEquals(0, HarnessState.keyedEntries(join.joiner), "no keyed state left in the join");
        assertEquals(0, HarnessState.keyedEntries(join.router), "no keyed state left in the router");
        return net;
    }

    private static void count(Join join, Map<String, Map<Long, Integer>> net) {
        for (SubjectItem s : join.joiner.extractOutputValues()) {
            net.computeIfAbsent(s.subjectType() + ":" + s.subjectId(), k -> new TreeMap<>())
                    .merge(s.item().timeMillis(), s.item().part() == ItemPart.VALUE ? 1 : -1, Integer::sum);
        }
    }

    private static long at(String when) {
        return TestEvents.at(when).toEpochMilli();
    }

    @Test
    void salesDuringAnIncidentAreTheSameWhateverTheArrivalOrderTheWatermarkAndTheRestorePoint() throws Exception {
        Step opened = send(e.incidentOpened("inc-1", "e-it", "d-it", "2026-03-10T10:00", "d-east"));
        Step resolved = send(e.incidentResolved("inc-1", "e-it", "d-it", "2026-03-10T12:00"));
        Step before = sale("2026-03-10T09:30");
        Step first = sale("2026-03-10T10:30");
        Step second = sale("2026-03-10T11:30");
        Step after = sale("2026-03-10T12:30");
        Step later = sale("2026-03-10T13:30");
        Map<String, List<Step>> orders = new TreeMap<>();
        orders.put(
                "in time",
                List.of(
                        advance("2026-03-10T09:00"),
                        opened,
                        before,
                        advance("2026-03-10T10:15"),
                        first,
                        advance("2026-03-10T11:00"),
                        second,
                        resolved,
                        advance("2026-03-10T12:10"),
                        after,
                        later,
                        advance("2026-03-10T14:00")));
        orders.put(
                "resolution behind the watermark",
                List.of(
                        advance("2026-03-10T09:00"),
                        opened,
                        before,
                        first,
                        second,
                        after,
                        later,
                        advance("2026-03-10T14:00"),
                        resolved,
                        advance("2026-03-10T15:00")));
        orders.put(
                "opening behind the watermark",
                List.of(
                        advance("2026-03-10T09:00"),
                        before,
                        first,
                        second,
                        after,
                        later,
                        advance("2026-03-10T14:00"),
                        opened,
                        resolved,
                        advance("2026-03-10T15:00")));
        orders.put(
                "everything behind the watermark, resolution first",
                List.of(
                        advance("2026-03-10T14:00"),
                        resolved,
                        after,
                        opened,
                        first,
                        later,
                        before,
                        second,
                        advance("2026-03-10T15:00")));
        // By hand: the interval is [10:00, 12:00); the sales at 10:30 and 11:30, credited to the incident's
        // owner and IT up the tree, serving d-east up the tree.
        Map<Long, Integer> inside = Map.of(at("2026-03-10T10:30"), 1, at("2026-03-10T11:30"), 1);
        Map<String, Map<Long, Integer>> expected = new TreeMap<>();
        for (String subject : List.of(
                "EMPLOYEE:e-it",
                "DEPARTMENT:d-it",
                "DEPARTMENT:d-root",
                "SERVED_DEPARTMENT:d-east",
                "SERVED_DEPARTMENT:d-sales",
                "SERVED_DEPARTMENT:d-root")) {
            expected.put(subject, inside);
        }
        for (Map.Entry<String, List<Step>> order : orders.entrySet()) {
            List<Step> steps = order.getValue();
            assertEquals(expected, run(steps, -1, false), order.getKey());
            for (int k = 0; k <= steps.size(); k++) {
                for (boolean watermarkFirst : List.of(false, true)) {
                    assertEquals(
                            expected,
                            run(steps, k, watermarkFirst),
                            order.getKey() + ", restored after step " + k
                                    + (watermarkFirst ? ", watermark ahead of the replay" : ""));
                }
            }
        }
    }
}
