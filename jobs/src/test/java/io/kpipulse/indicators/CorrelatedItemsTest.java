package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.tenants.TenantCalendar;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CorrelatedItemsTest {

    private static final long H = 3_600_000L;
    private static final long D = 24 * H;
    private static final long T0 =
            java.time.Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    private final TenantCalendar calendar = TenantCalendar.defaults();
    private final List<Item> out = new ArrayList<>();

    private static Partial side(String indicator, Role role, long time, String id, String employee, String department) {
        return new Partial("t", indicator, "k-1", role, time, time, id, employee, department, null, BigDecimal.TEN);
    }

    /** Every department hangs under d-root; nobody moves. */
    private final OrgView org = new OrgView() {
        @Override
        public String departmentOf(String tenantId, String employeeId, long timeMillis) {
            return null;
        }

        @Override
        public List<String> pathOf(String tenantId, String departmentId, long timeMillis) {
            return List.of(departmentId, "d-root");
        }
    };

    @Test
    void durationPairsTheFirstStartWithTheFirstEndWhateverTheArrivalOrder() {
        IndicatorDefinition d = CatalogFixtures.indicator("claim_payment_time_within_1d");
        JoinState s = new JoinState();
        CorrelatedItems.add(s, side(d.id(), Role.DURATION_END, T0 + 30 * H, "pay", "e-fin", "d-fin"), d);
        CorrelatedItems.add(s, side(d.id(), Role.DURATION_START, T0 + 10 * H, "approve-2", "e-claims", "d-claims"), d);
        CorrelatedItems.add(s, side(d.id(), Role.DURATION_START, T0 + 8 * H, "approve-1", "e-claims", "d-claims"), d);
        assertFalse(
                CorrelatedItems.onWatermark(s, T0 + 29 * H, d, calendar, org, out::add), "the end is not final yet");
        assertTrue(out.isEmpty());
        assertFalse(
                CorrelatedItems.onWatermark(s, T0 + 30 * H, d, calendar, org, out::add),
                "a decided pair is kept, so that later sides of the claim are ignored");
        assertTrue(s.done);
        Item item = out.get(0);
        assertEquals(22 * H, item.durationMillis());
        assertTrue(item.flag(), "22 h is within 1 day");
        assertEquals("e-fin", item.attribution().employeeId());
        assertEquals(List.of("d-claims", "d-root"), item.attribution().servedPath());
    }

    @Test
    void aDecidedPairKeepsNoSideOnlyWhatIgnoringLaterSidesNeeds() {
        IndicatorDefinition d = CatalogFixtures.indicator("claim_payment_time_within_1d");
        JoinState s = new JoinState();
        CorrelatedItems.add(s, side(d.id(), Role.DURATION_START, T0 + 8 * H, "approve", "e-claims", "d-claims"), d);
        CorrelatedItems.add(s, side(d.id(), Role.DURATION_END, T0 + 30 * H, "pay", "e-fin", "d-fin"), d);
        CorrelatedItems.onWatermark(s, T0 + 30 * H, d, calendar, org, out::add);
        assertEquals(1, out.size());
        // Kept for as long as max pairing (over a year): the two sides would be most of the joiner's state.
        assertEquals(
                List.of(),
                java.util.Arrays.asList(s.first, s.second).stream()
                        .filter(p -> p != null)
                        .toList());
        assertEquals(List.of("t", d.id(), T0 + 30 * H), List.of(s.tenant(), s.indicator(), s.newestSide()));
        assertEquals(
                Long.MIN_VALUE,
                CorrelatedItems.add(s, side(d.id(), Role.DURATION_END, T0 + 40 * H, "pay-again", "e-fin", "d-fin"), d),
                "a later side of the decided claim is ignored");
        assertFalse(CorrelatedItems.onWatermark(s, T0 + 50 * H, d, calendar, org, out::add));
        assertEquals(1, out.size());
        assertEquals(T0 + 30 * H, s.newestSide(), "an ignored side does not extend how long the key is kept");
    }

    @Test
    void retentionIsDecidedAtTheExitOrAtTheHorizon() {
        IndicatorDefinition d = CatalogFixtures.indicator("new_hire_retention_3m");
        JoinState left = new JoinState();
        CorrelatedItems.add(left, side(d.id(), Role.RETENTION_ANCHOR, T0, "hire", "e-hr", "d-hr"), d);
        CorrelatedItems.add(left, side(d.id(), Role.RETENTION_EXIT, T0 + 40 * D, "left", "e-new", "d-sales"), d);
        assertTrue(CorrelatedItems.onWatermark(left, T0 + 40 * D, d, calendar, org, out::add));
        assertFalse(out.get(0).flag());
        assertEquals(T0 + 40 * D, out.get(0).timeMillis());

        JoinState stayed = new JoinState();
        long horizon = CorrelatedItems.add(stayed, side(d.id(), Role.RETENTION_ANCHOR, T0, "hire", "e-hr", "d-hr"), d);
        assertEquals(T0 + 90 * D, horizon);
        assertFalse(CorrelatedItems.onWatermark(stayed, T0 + 89 * D, d, calendar, org, out::add));
        assertTrue(CorrelatedItems.onWatermark(stayed, T0 + 90 * D, d, calendar, org, out::add));
        assertTrue(out.get(1).flag());
    }

    @Test
    void followUpCountsOnlyTheAnchorsFirstNinetyDays() {
        IndicatorDefinition d = CatalogFixtures.indicator("new_hire_sales_3m");
        JoinState s = new JoinState();
        CorrelatedItems.add(s, side(d.id(), Role.FOLLOW_EVENT, T0 - H, "before", "e-new", "d-sales"), d);
        CorrelatedItems.add(s, side(d.id(), Role.FOLLOW_ANCHOR, T0, "hire", "e-hr", "d-hr"), d);
        CorrelatedItems.add(s, side(d.id(), Role.FOLLOW_EVENT, T0 + 89 * D, "inside", "e-new", "d-sales"), d);
        CorrelatedItems.add(s, side(d.id(), Role.FOLLOW_EVENT, T0 + 90 * D, "after", "e-new", "d-sales"), d);
        assertTrue(CorrelatedItems.onWatermark(s, T0 + 91 * D, d, calendar, org, out::add));
        assertEquals(List.of("inside"), out.stream().map(Item::eventId).toList());
        assertEquals("e-hr", out.get(0).attribution().employeeId(), "credited to the recruiter");
        assertEquals(
                List.of("d-sales", "d-root"), out.get(0).attribution().servedPath(), "serving the sales department");
    }
}
