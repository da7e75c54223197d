package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.tenants.TenantCalendar;
import io.kpipulse.testing.TestCatalogs;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The joiner of correlated items under the operator harness, with the template library's linked
 * indicators: when a pair, a follow-up or a retention outcome is decided, whom it is credited to, and
 * that nothing waits in state or on a timer once a side can no longer matter.
 */
class CorrelationJoinerHarnessTest {

    private static final String PAYMENT = "claim_payment_time_within_1d";
    private static final String RETENTION = "new_hire_retention_3m";
    private static final String NEW_HIRE_SALES = "new_hire_sales_3m";
    private static final String TIMELINESS = "task_timeliness";
    private static final long HOUR = Duration.ofHours(1).toMillis();

    private static IndicatorHarness harness() throws Exception {
        return new IndicatorHarness(CatalogFixtures.libraryUpdate());
    }

    /** The items of one indicator the joiner emitted, once each (their employee's copy). */
    private static List<Item> items(IndicatorHarness h, String indicator) {
        return h.joined().stream()
                .filter(s -> s.item().indicatorId().equals(indicator) && s.subjectType() == SubjectType.EMPLOYEE)
                .map(SubjectItem::item)
                .toList();
    }

    private static List<String> subjects(IndicatorHarness h, String indicator) {
        return h.joined().stream()
                .filter(s -> s.item().indicatorId().equals(indicator))
                .map(s -> s.subjectType() + ":" + s.subjectId())
                .toList();
    }

    private static Partial approval(IndicatorHarness h, String claim, String when) {
        return h.side(PAYMENT, Role.DURATION_START, claim, when, "e-claims", "d-claims");
    }

    private static Partial payment(IndicatorHarness h, String claim, String when) {
        return h.side(PAYMENT, Role.DURATION_END, claim, when, "e-fin", null);
    }

    @Test
    void aPaymentThatArrivesBeforeItsApprovalIsPairedWhenTheApprovalComes() throws Exception {
        try (IndicatorHarness h = harness()) {
            h.send(payment(h, "c-1", "2026-03-05T20:00"));
            h.advanceTo("2026-03-06T00:00");
            assertEquals(List.of(), h.joined(), "a payment alone is no item");
            assertEquals(1, h.joinerStateEntries());
            // The approval was delayed upstream (within the allowed lateness): it is paired at once.
            h.send(approval(h, "c-1", "2026-03-05T10:00"));
            Item item = items(h, PAYMENT).get(0);
            assertEquals(
                    List.of(10 * HOUR, h.millis("2026-03-05T20:00")),
                    List.of(item.durationMillis(), item.timeMillis()));
            assertTrue(item.flag(), "10 h is within 1 day");
            // Credited to finance (the end side), serving claims (the start side), each with its ancestors.
            assertEquals(
                    List.of(
                            "EMPLOYEE:e-fin",
                            "DEPARTMENT:d-fin",
                            "DEPARTMENT:d-root",
                            "SERVED_DEPARTMENT:d-claims",
                            "SERVED_DEPARTMENT:d-root"),
                    subjects(h, PAYMENT));
            assertEquals(1, h.joinerStateEntries(), "the decided claim is remembered, to ignore later sides of it");
        }
    }

    @Test
    void theFirstApprovalAndTheFirstPaymentByTimeFormTheItemWhateverTheArrivalOrder() throws Exception {
        try (IndicatorHarness h = harness()) {
            Partial firstPayment = payment(h, "c-1", "2026-03-06T02:00");
            h.send(
                    payment(h, "c-1", "2026-03-06T06:00"),
                    approval(h, "c-1", "2026-03-05T10:00"),
                    firstPayment,
                    approval(h, "c-1", "2026-03-05T08:00"));
            h.advanceTo("2026-03-06T01:59");
            assertEquals(List.of(), h.joined(), "a payment before 02:00 may still be on its way");
            h.advanceTo("2026-03-06T02:00");
            // 08:00 → 02:00 the next day: 18 h.
            assertEquals(
                    List.of(18 * HOUR),
                    items(h, PAYMENT).stream().map(Item::durationMillis).toList());
            assertEquals(firstPayment.eventId(), items(h, PAYMENT).get(0).eventId());
        }
    }

    @Test
    void sidesOfAnAlreadyPairedKeyAreIgnored() throws Exception {
        try (IndicatorHarness h = harness()) {
            h.send(approval(h, "c-1", "2026-03-05T10:00"), payment(h, "c-1", "2026-03-05T20:00"));
            h.advanceTo("2026-03-06T00:00");
            // The claim is approved and paid a second time: still one item for the claim.
            h.send(approval(h, "c-1", "2026-03-20T10:00"), payment(h, "c-1", "2026-03-20T11:00"));
            h.advanceTo("2026-03-21T00:00");
            assertEquals(
                    List.of(10 * HOUR),
                    items(h, PAYMENT).stream().map(Item::durationMillis).toList());
        }
    }

    @Test
    void aTaskIsDecidedOnceAssignedAndCompletedNotAtItsDueTime() throws Exception {
        try (IndicatorHarness h = harness()) {
            // Assigned on the 2nd, due on the 10th at 18:00, completed on the 9th at 15:00.
            Partial assigned = new Partial(
                    IndicatorHarness.TENANT,
                    TIMELINESS,
                    "task-1",
                    Role.DURATION_START,
                    h.millis("2026-03-10T18:00"),
                    h.millis("2026-03-02T09:00"),
                    "ev-assigned",
                    "e-1",
                    null,
                    null,
                    BigDecimal.ONE);
            h.send(assigned, h.side(TIMELINESS, Role.DURATION_END, "task-1", "2026-03-09T15:00", "e-1", null));
            h.advanceTo("2026-03-09T15:00");
            Item item = items(h, TIMELINESS).get(0);
            assertEquals(-27 * HOUR, item.durationMillis(), "completed 27 h before it was due");
            assertTrue(item.flag(), "on time: within a limit of 0 s");
        }
    }

    @Test
    void workIsCreditedToTheDepartmentTheEmployeeBelongedToWhenTheItemHappened() throws Exception {
        try (IndicatorHarness h = harness()) {
            h.move("e-fin", "d-other", "2026-03-05T15:00");
            h.send(
                    approval(h, "c-1", "2026-03-05T10:00"),
                    payment(h, "c-1", "2026-03-05T20:00"),
                    approval(h, "c-2", "2026-03-05T09:00"),
                    payment(h, "c-2", "2026-03-05T14:00"));
            h.advanceTo("2026-03-06T00:00");
            // c-2 was paid before e-fin moved, c-1 after.
            assertEquals(
                    List.of(List.of("d-fin", "d-root"), List.of("d-other", "d-root")),
                    items(h, PAYMENT).stream()
                            .map(i -> i.attribution().departmentPath())
                            .toList());
        }
    }

    @Test
    void followEventsCountFromTheAnchorsInstantUntilItsPeriodEndsAndAreCreditedToTheRecruiter() throws Exception {
        try (IndicatorHarness h = harness()) {
            // Arrival order is not time order: a sale of the 2nd arrives before the hire of the 1st.
            h.send(
                    h.side(NEW_HIRE_SALES, Role.FOLLOW_EVENT, "e-new", "2026-03-02T10:00", "e-new", "d-sales", "100"),
                    h.side(NEW_HIRE_SALES, Role.FOLLOW_ANCHOR, "e-new", "2026-03-01T10:00", "e-1", null),
                    h.side(NEW_HIRE_SALES, Role.FOLLOW_EVENT, "e-new", "2026-03-01T09:59", "e-new", "d-sales", "1"),
                    h.side(NEW_HIRE_SALES, Role.FOLLOW_EVENT, "e-new", "2026-05-30T09:59", "e-new", "d-sales", "200"),
                    h.side(NEW_HIRE_SALES, Role.FOLLOW_EVENT, "e-new", "2026-05-30T10:00", "e-new", "d-sales", "1"));
            h.advanceTo("2026-03-02T10:00");
            assertEquals(
                    List.of(new BigDecimal("100")),
                    items(h, NEW_HIRE_SALES).stream().map(Item::amount).toList());
            h.advanceTo("2026-06-01T00:00");
            assertEquals(
                    List.of(new BigDecimal("100"), new BigDecimal("200")),
                    items(h, NEW_HIRE_SALES).stream().map(Item::amount).toList());
            Item sale = items(h, NEW_HIRE_SALES).get(0);
            assertEquals(
                    List.of("e-1", List.of("d-team", "d-root"), List.of("d-sales", "d-root")),
                    List.of(
                            sale.attribution().employeeId(),
                            sale.attribution().departmentPath(),
                            sale.attribution().servedPath()));
            // A sale after the period, whenever it arrives, never counts.
            h.send(h.side(NEW_HIRE_SALES, Role.FOLLOW_EVENT, "e-new", "2026-06-15T10:00", "e-new", "d-sales", "1"));
            h.advanceTo("2026-06-16T00:00");
            assertEquals(2, items(h, NEW_HIRE_SALES).size());
        }
    }

    @Test
    void retentionIsDecidedAtTheFirstExitWithinTheHorizonOrElseAtTheHorizon() throws Exception {
        try (IndicatorHarness h = harness()) {
            h.send(
                    h.side(RETENTION, Role.RETENTION_ANCHOR, "n-left", "2026-01-05T10:00", "e-1", null),
                    h.side(RETENTION, Role.RETENTION_ANCHOR, "n-stayed", "2026-01-05T10:00", "e-1", null),
                    h.side(RETENTION, Role.RETENTION_EXIT, "n-left", "2026-03-01T10:00", null, null),
                    h.side(RETENTION, Role.RETENTION_EXIT, "n-left", "2026-02-14T10:00", null, null));
            h.advanceTo("2026-02-14T09:59");
            assertEquals(List.of(), h.joined(), "nothing is decided before the first exit");
            h.advanceTo("2026-02-14T10:00");
            assertEquals(
                    List.of(List.of(h.millis("2026-02-14T10:00"), false)),
                    items(h, RETENTION).stream()
                            .map(i -> List.<Object>of(i.timeMillis(), i.flag()))
                            .toList());
            // e-1 moved before n-stayed's horizon: the outcome counts where e-1 works when it is decided.
            h.move("e-1", "d-other", "2026-03-01T00:00");
            h.advanceTo("2026-04-05T09:59");
            assertEquals(1, items(h, RETENTION).size(), "90 days after the hire end on 5 April at 10:00");
            h.advanceTo("2026-04-05T10:00");
            Item stayed = items(h, RETENTION).get(1);
            assertEquals(
                    List.of(h.millis("2026-04-05T10:00"), true, List.of("d-other", "d-root")),
                    List.of(
                            stayed.timeMillis(),
                            stayed.flag(),
                            stayed.attribution().departmentPath()));
            assertEquals(0, h.joinerStateEntries(), "both anchors are decided");
        }
    }

    @Test
    void noSideWaitsLongerThanTheMaxPairingAndNoTimerOutlivesIt() throws Exception {
        try (IndicatorHarness h =
                new IndicatorHarness(CatalogFixtures.libraryUpdate(), TenantCalendar.defaults(), Duration.ofDays(10))) {
            h.send(
                    approval(h, "never-paid", "2026-03-01T10:00"),
                    payment(h, "never-approved", "2026-03-01T11:00"),
                    approval(h, "paid", "2026-03-01T12:00"),
                    payment(h, "paid", "2026-03-01T13:00"),
                    h.side(RETENTION, Role.RETENTION_EXIT, "no-anchor", "2026-03-01T14:00", null, null),
                    h.side(
                            NEW_HIRE_SALES,
                            Role.FOLLOW_EVENT,
                            "no-anchor",
                            "2026-03-01T15:00",
                            "e-new",
                            "d-sales",
                            "5"));
            h.advanceTo("2026-03-02T00:00");
            assertEquals(1, items(h, PAYMENT).size());
            assertEquals(
                    4,
                    h.joinerStateEntries(),
                    "the lone approval, payment and exit wait; the paid claim is remembered");
            h.advanceTo("2026-03-11T13:59");
            assertEquals(1, h.joinerStateEntries(), "only the exit has not waited 10 days yet");
            h.advanceTo("2026-03-11T15:00");
            assertEquals(
                    1, h.joinerStateEntries(), "the lone retention exit waits out its 90-day horizon, not max pairing");
            h.advanceTo("2026-05-30T15:01"); // the follow event's timer: 90 days too
            assertEquals(List.of(0, 0), List.of(h.joinerStateEntries(), h.joinerTimers()), "state entries, timers");
            assertEquals(1, items(h, PAYMENT).size());
        }
    }

    @Test
    void aMaxPairingShorterThanTheRetentionHorizonDoesNotCutTheDecisionShort() throws Exception {
        try (IndicatorHarness h =
                new IndicatorHarness(CatalogFixtures.libraryUpdate(), TenantCalendar.defaults(), Duration.ofDays(10))) {
            h.send(h.side(RETENTION, Role.RETENTION_ANCHOR, "n-stayed", "2026-01-05T10:00", "e-1", null));
            h.advanceTo("2026-04-05T09:59");
            assertEquals(List.of(), items(h, RETENTION), "undecided until 90 days after the hire");
            h.advanceTo("2026-04-05T10:01");
            assertEquals(
                    List.of(true), items(h, RETENTION).stream().map(Item::flag).toList());
            assertEquals(List.of(0, 0), List.of(h.joinerStateEntries(), h.joinerTimers()), "state entries, timers");
        }
    }

    @Test
    void sidesOfAnIndicatorRemovedFromTheCatalogAreDropped() throws Exception {
        try (IndicatorHarness h = harness()) {
            h.send(approval(h, "c-1", "2026-03-05T10:00"));
            h.publish(TestCatalogs.nextLibraryVersion(
                    yaml -> yaml.replace("id: " + PAYMENT, "id: renamed_payment_time")));
            h.send(payment(h, "c-1", "2026-03-05T20:00"));
            h.advanceTo("2026-03-06T00:00");
            assertEquals(List.of(), h.joined());
            assertEquals(0, h.joinerStateEntries());
        }
    }
}
