package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgChange;
import io.kpipulse.org.OrgChanges;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.OrgDirectoryView;
import io.kpipulse.org.TimeLine;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.testing.HarnessState;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sales during incidents through both steps of the interval join under Flink's operator harness, wired
 * as in the pipeline: opening and closing sides to the router, its bounds and the sales to the joiner,
 * the watermark moving through the router first. Events arrive in any order before the watermark passes
 * them, as admission releases them.
 */
class DuringJoinHarnessTest {

    private static final String INDICATOR = "sales_during_incidents";
    private static final long LATENESS = 60_000;
    private static final long MAX_OPEN = 3 * 24 * 3_600_000L;

    private final TestEvents e = new TestEvents("t1");
    private final ItemDeriver deriver = new ItemDeriver(CatalogFixtures.LIBRARY);
    private final Map<String, TimeLine> directory = new HashMap<>();
    private KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, Partial> router;
    private KeyedBroadcastOperatorTestHarness<String, Partial, ControlUpdate, SubjectItem> joiner;
    private int passedOn;

    @BeforeEach
    void open() throws Exception {
        router = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new IntervalRouter(CatalogFixtures.libraryUpdate(), LATENESS),
                Partial::joinKey,
                Types.STRING,
                OrgDirectory.STATE,
                CurrentCatalog.STATE);
        joiner = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new DuringJoiner(CatalogFixtures.libraryUpdate(), Map.of("t1", TenantCalendar.defaults()), LATENESS),
                Partial::joinKey,
                Types.STRING,
                OrgDirectory.STATE,
                CurrentCatalog.STATE);
        router.open();
        joiner.open();
        for (SpecificRecord org : List.<SpecificRecord>of(
                e.department("d-root", null, "2026-02-01T00:00"),
                e.department("d-it", "d-root", "2026-02-01T00:00"),
                e.department("d-sales", "d-root", "2026-02-01T00:00"),
                e.department("d-east", "d-sales", "2026-02-01T00:00"),
                e.department("d-west", "d-sales", "2026-02-01T00:00"),
                e.hire("e-it", "d-it", "2026-02-01T09:00"),
                e.hire("e-it2", "d-it", "2026-02-01T09:00"),
                e.hire("e-1", "d-east", "2026-02-01T09:00"),
                e.hire("e-2", "d-west", "2026-02-01T09:00"))) {
            for (OrgChange change : OrgChanges.of(org)) {
                router.processBroadcastElement(ControlUpdate.of(change), 0);
                joiner.processBroadcastElement(ControlUpdate.of(change), 0);
                directory
                        .computeIfAbsent(change.stateKey(), k -> new TimeLine())
                        .set(change.fromMillis(), change.value());
            }
        }
    }

    /** Derives the event's sides as admission does and hands each to the step that reads it. */
    private void send(SpecificRecord event) throws Exception {
        Derivation d = deriver.derive(
                EventTypes.of(event.getClass()),
                event,
                new OrgDirectoryView(directory::get),
                TenantCalendar.defaults());
        for (Partial side : d.partials()) {
            if (side.indicatorId().equals(INDICATOR)) {
                (side.role().boundsAnInterval() ? router : joiner).processElement(side, side.timeMillis());
            }
        }
        passOn();
    }

    private String sale(String agent, String department, String when) throws Exception {
        PolicyIssued policy = e.policy(agent, department, when, "1000.00", true);
        send(policy);
        return EventHeaders.header(policy).getEventId().toString();
    }

    private void advance(long watermark) throws Exception {
        router.watermark(watermark); // both inputs: the broadcast one never holds the watermark back
        passOn();
        joiner.watermark(watermark);
    }

    private void advance(String when) throws Exception {
        advance(TestEvents.at(when).toEpochMilli());
    }

    private void passOn() throws Exception {
        List<Partial> bounds = router.extractOutputValues();
        for (Partial bound : bounds.subList(passedOn, bounds.size())) {
            joiner.processElement(bound, bound.timeMillis());
        }
        passedOn = bounds.size();
    }

    /** Every subject a sale was credited to, as {@code TYPE:id}. */
    private Set<String> creditsOf(String saleEventId) {
        Set<String> subjects = new TreeSet<>();
        for (SubjectItem s : joiner.extractOutputValues()) {
            if (s.item().eventId().equals(saleEventId)) {
                assertTrue(subjects.add(s.subjectType() + ":" + s.subjectId()), "credited twice to " + s.subjectId());
                assertEquals(new BigDecimal("1000.00"), s.item().amount());
            }
        }
        return subjects;
    }

    private Set<String> countedSales() {
        Set<String> ids = new TreeSet<>();
        joiner.extractOutputValues().forEach(s -> ids.add(s.item().eventId()));
        return ids;
    }

    @Test
    void salesCountFromTheOpeningUntilTheResolutionWhateverTheArrivalOrder() throws Exception {
        advance("2026-03-10T09:00");
        String atEleven = sale("e-1", "d-east", "2026-03-10T11:00"); // before the incident reaches the join
        String atOpening = sale("e-1", "d-east", "2026-03-10T10:00");
        send(e.incidentOpened("inc-1", "e-it", "d-it", "2026-03-10T10:00", "d-east", "d-west"));
        String justBefore = sale("e-1", "d-east", "2026-03-10T09:59:59");
        advance("2026-03-10T10:30");
        send(e.incidentResolved("inc-1", "e-it", "d-it", "2026-03-10T12:00"));
        String lastSecond = sale("e-2", "d-west", "2026-03-10T11:59:59");
        String atResolution = sale("e-1", "d-east", "2026-03-10T12:00");
        String after = sale("e-2", "d-west", "2026-03-10T13:00");
        advance("2026-03-10T14:00");

        assertEquals(new TreeSet<>(List.of(atOpening, atEleven, lastSecond)), countedSales());
        assertEquals(Set.of(), creditsOf(justBefore));
        assertEquals(Set.of(), creditsOf(atResolution));
        assertEquals(Set.of(), creditsOf(after));
        // The owner and the IT department up the tree; the affected team up the tree as served department.
        assertEquals(
                Set.of(
                        "EMPLOYEE:e-it",
                        "DEPARTMENT:d-it",
                        "DEPARTMENT:d-root",
                        "SERVED_DEPARTMENT:d-east",
                        "SERVED_DEPARTMENT:d-sales",
                        "SERVED_DEPARTMENT:d-root"),
                creditsOf(atEleven));
        assertTrue(creditsOf(lastSecond).contains("SERVED_DEPARTMENT:d-west"));
    }

    @Test
    void anUnresolvedIncidentStopsAfterMaxOpenAndASaleCountsOnceForTheIncidentOpenedFirst() throws Exception {
        advance("2026-03-10T09:00");
        send(e.incidentOpened("inc-1", "e-it", "d-it", "2026-03-10T10:00", "d-east")); // never resolved
        send(e.incidentOpened("inc-2", "e-it2", "d-it", "2026-03-10T11:00", "d-east"));
        String both = sale("e-1", "d-east", "2026-03-10T12:00");
        advance("2026-03-10T13:00");
        send(e.incidentResolved("inc-2", "e-it2", "d-it", "2026-03-10T15:00"));
        // inc-1 opened again while still open: changes nothing, so d-west is not affected.
        send(e.incidentOpened("inc-1", "e-it", "d-it", "2026-03-11T09:00", "d-west"));
        String west = sale("e-2", "d-west", "2026-03-11T12:00");
        String lastSecond = sale("e-1", "d-east", "2026-03-13T09:59:59");
        String expired = sale("e-1", "d-east", "2026-03-13T10:00");
        advance("2026-03-14T00:00");

        assertEquals(new TreeSet<>(List.of(both, lastSecond)), countedSales());
        assertTrue(creditsOf(both).contains("EMPLOYEE:e-it"), "inc-1 opened first");
        assertTrue(!creditsOf(both).contains("EMPLOYEE:e-it2"));
        assertEquals(Set.of(), creditsOf(west));
        assertEquals(Set.of(), creditsOf(expired));
    }

    @Test
    void aKeyOpenedAgainOnceMaxOpenHasPassedStartsANewInterval() throws Exception {
        advance("2026-03-10T09:00");
        send(e.incidentOpened("inc-1", "e-it", "d-it", "2026-03-10T10:00", "d-east"));
        send(e.incidentResolved("inc-1", "e-it", "d-it", "2026-03-10T11:00"));
        advance("2026-03-13T09:00");
        send(e.incidentOpened("inc-1", "e-it2", "d-it", "2026-03-13T10:00", "d-west")); // exactly maxOpen later
        send(e.incidentResolved("inc-1", "e-it2", "d-it", "2026-03-13T12:00"));
        String west = sale("e-2", "d-west", "2026-03-13T11:00");
        String east = sale("e-1", "d-east", "2026-03-13T11:00");
        advance("2026-03-14T00:00");

        assertEquals(Set.of(west), countedSales());
        assertTrue(creditsOf(west).contains("EMPLOYEE:e-it2"), "credited to the new opening's owner");
        assertEquals(Set.of(), creditsOf(east));
    }

    @Test
    void stateAndTimersAreGoneOnceTheIntervalAndItsLatenessArePast() throws Exception {
        long opened = TestEvents.at("2026-03-10T10:00").toEpochMilli();
        long resolved = TestEvents.at("2026-03-10T12:00").toEpochMilli();
        advance("2026-03-10T09:00");
        send(e.incidentOpened("inc-1", "e-it", "d-it", "2026-03-10T10:00", "d-east", "d-west"));
        send(e.incidentResolved("inc-1", "e-it", "d-it", "2026-03-10T12:00"));
        sale("e-1", "d-east", "2026-03-10T11:00");
        sale("e-1", "d-sales", "2026-03-10T11:00"); // a department no incident affects
        advance(resolved - 1);
        assertEquals(1, countedSales().size());
        // Each department keeps its interval, with one timer, until its end + lateness.
        assertEquals(2, joiner.numEventTimeTimers());
        advance(resolved + LATENESS);
        assertEquals(0, HarnessState.keyedEntries(joiner), "no keyed state left in the join");
        assertEquals(0, joiner.numEventTimeTimers(), "no timers left in the join");
        // The incident key is remembered until maxOpen + lateness after its opening (a repeated opening
        // within maxOpen must still be ignored), then forgotten.
        assertEquals(1, router.numEventTimeTimers());
        advance(opened + MAX_OPEN + LATENESS - 1);
        assertTrue(HarnessState.keyedEntries(router) > 0);
        advance(opened + MAX_OPEN + LATENESS);
        assertEquals(0, HarnessState.keyedEntries(router), "no keyed state left in the router");
        assertEquals(0, router.numEventTimeTimers(), "no timers left in the router");
    }
}
