package io.kpipulse.indicators;

import static io.kpipulse.indicators.IndicatorHarness.E1;
import static io.kpipulse.indicators.IndicatorHarness.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.testing.RollingFromDays;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Items dated days before the watermark — a backfill, a replay, a producer that stamps records with their
 * original time — within the horizon admission accepts (here 10 days): every window that contains them
 * ends exact, the earlier rolling instances included (assembled from the days, as the read model does), and each new row of a window has a higher version.
 */
class PastDatedItemsHarnessTest {

    private static final String SUM = "premium";
    private static final String PAYMENT = "claim_payment_time_within_1d";
    private static final String MEDIAN = "claim_payment_time_median";
    private static final Duration HORIZON = Duration.ofDays(10);

    private static final CatalogUpdate CATALOG =
            TestIndicator.catalog(TestIndicator.of(SUM, "{type: sum, event: policy.PolicyIssued, value: premium}")
                    .windows("[DAY, WEEK, MONTH_TO_DATE, ROLLING_7D]")
                    .scale(2));

    private static IndicatorHarness harness() throws Exception {
        return new IndicatorHarness(CATALOG, HORIZON);
    }

    /** The first sale of 2026-11-24 came on time; then the watermark moved on to 1 December. */
    private static IndicatorHarness afterOneSaleAndAWeek() throws Exception {
        IndicatorHarness h = harness();
        h.advanceTo("2026-11-24T09:00");
        h.send(h.value(SUM, E1, "2026-11-24T10:00", "100.00"));
        h.flush();
        h.advanceTo("2026-12-01T12:00"); // any live event
        h.flush();
        return h;
    }

    @Test
    void pastDatedEventUpdatesDayAndWeekExactly() throws Exception {
        try (IndicatorHarness h = afterOneSaleAndAWeek()) {
            h.send(h.value(SUM, E1, "2026-11-24T10:30", "100.00"));
            h.flush();
            assertThat(h.employeeRow(SUM, WindowType.DAY, "2026-11-24"))
                    .value("200.00")
                    .events(2);
            assertThat(h.employeeRow(SUM, WindowType.WEEK, "2026-11-23"))
                    .window("2026-11-23", "2026-11-29")
                    .value("200.00")
                    .events(2);
            assertThat(h.employeeRow(SUM, WindowType.MONTH_TO_DATE, "2026-11-01"))
                    .value("200.00")
                    .events(2);
            assertThat(h.row(SUM, WindowType.DAY, "2026-11-24", SubjectType.DEPARTMENT, "d-root"))
                    .value("200.00")
                    .events(2);
            assertEveryRowOfAWindowHasItsOwnVersion(h);
        }
    }

    @Test
    void everyRollingInstanceHoldsItsDaysWhateverTheWatermarkJumpedOver() throws Exception {
        try (IndicatorHarness h = afterOneSaleAndAWeek()) {
            // The as-of day went from the 24th to 1 December in one step: the instances in between hold the 24th.
            for (String asOf : List.of("2026-11-25", "2026-11-29", "2026-11-30")) {
                assertThat(rolling(h, asOf)).value("100.00").events(1);
            }
            // The first instance without the 24th has no day with a value: nothing to show.
            assertNull(rolling(h, "2026-12-01"));
        }
    }

    @Test
    void pastDatedEventReachesEveryRollingInstanceThatContainsIt() throws Exception {
        try (IndicatorHarness h = afterOneSaleAndAWeek()) {
            int before = h.rows().size();
            h.send(h.value(SUM, E1, "2026-11-24T10:30", "100.00"));
            h.flush();
            // As of the 24th through the 30th, every 7-day instance holds both sales.
            for (int day = 24; day <= 30; day++) {
                assertThat(rolling(h, "2026-11-" + day)).value("200.00").events(2);
            }
            assertNull(rolling(h, "2026-12-01"));
            // Rewritten for e-1, d-team and d-root: DAY, WEEK, MONTH only; the rolling instances are their days.
            assertEquals(3 * 3, h.rows().size() - before, "rows written for the second sale");
            assertEveryRowOfAWindowHasItsOwnVersion(h);
        }
    }

    @Test
    void anOlderItemArrivingLastDoesNotTakeTheAsOfDayBackBehindANewerOne() throws Exception {
        try (IndicatorHarness h = harness()) {
            // Admission released both before this operator heard of any watermark.
            h.send(h.value(SUM, E1, "2026-11-25T10:00", "1.00"));
            h.send(h.value(SUM, E1, "2026-11-24T10:00", "2.00"));
            h.flush();
            assertThat(rolling(h, "2026-11-25")).value("3.00").events(2);
            assertThat(rolling(h, "2026-11-24")).value("2.00").events(1);
        }
    }

    @Test
    void aBackfilledBurstOfOneThousandEventsForOneDayCountsEveryOne() throws Exception {
        try (IndicatorHarness h = afterOneSaleAndAWeek()) {
            long watermark = h.millis("2026-12-01T12:00");
            for (int i = 0; i < 1_000; i++) {
                h.send(h.value(SUM, E1, "2026-11-25T10:00:00", "1.00"));
                if (i % 50 == 49) {
                    // Flushes and watermarks go on during the burst, as live traffic of other keys moves them.
                    h.flush();
                    watermark += 1_000;
                    h.advanceTo(watermark);
                }
            }
            h.flush();
            assertThat(h.employeeRow(SUM, WindowType.DAY, "2026-11-25"))
                    .value("1000.00")
                    .events(1_000);
            assertThat(h.employeeRow(SUM, WindowType.WEEK, "2026-11-23"))
                    .value("1100.00")
                    .events(1_001);
            assertThat(rolling(h, "2026-11-29")).value("1100.00").events(1_001);
            assertThat(rolling(h, "2026-12-01")).value("1000.00").events(1_000);
            assertEveryRowOfAWindowHasItsOwnVersion(h);
        }
    }

    @Test
    void pastDatedClaimPaymentCountsInTheShareAndTheMedianOfItsDay() throws Exception {
        try (IndicatorHarness h = new IndicatorHarness(CatalogFixtures.libraryUpdate(), HORIZON)) {
            h.advanceTo("2026-11-24T08:00");
            paid(h, "c-1", "2026-11-24T09:00", "2026-11-24T19:00"); // 10 h: within 1 day
            h.advanceTo("2026-11-24T20:00");
            h.flush();
            h.advanceTo("2026-12-01T12:00");
            h.flush();
            paid(h, "c-2", "2026-11-23T10:00", "2026-11-24T14:00"); // 28 h: not within 1 day
            h.advanceTo("2026-12-01T12:00:01");
            h.flush();
            assertThat(h.row(PAYMENT, WindowType.DAY, "2026-11-24", SubjectType.EMPLOYEE, "e-fin"))
                    .value("0.5000")
                    .events(2);
            // Median of 10 h and 28 h.
            assertThat(h.row(MEDIAN, WindowType.DAY, "2026-11-24", SubjectType.EMPLOYEE, "e-fin"))
                    .value("19.0000")
                    .events(2);
            assertThat(h.row(MEDIAN, WindowType.ROLLING_7D, "2026-11-24", SubjectType.DEPARTMENT, "d-fin"))
                    .window("2026-11-24", "2026-11-30")
                    .value("19.0000")
                    .events(2);
            assertEveryRowOfAWindowHasItsOwnVersion(h);
        }
    }

    private static void paid(IndicatorHarness h, String claim, String approved, String paid) throws Exception {
        for (String indicator : List.of(PAYMENT, MEDIAN)) {
            h.send(h.side(indicator, Role.DURATION_START, claim, approved, "e-claims", "d-claims"));
            h.send(h.side(indicator, Role.DURATION_END, claim, paid, "e-fin", null));
        }
    }

    /** e-1's 7-day instance as of {@code asOf}, as the read model assembles it from the DAY rows. */
    private static IndicatorRow rolling(IndicatorHarness h, String asOf) {
        return RollingFromDays.assemble(
                h.rows(),
                CATALOG.parse().find(SUM).orElseThrow(),
                WindowType.ROLLING_7D,
                LocalDate.parse(asOf),
                SubjectType.EMPLOYEE,
                E1.employee());
    }

    /**
     * Readers keep the row with the highest version: a window's versions never go down, and two of its rows
     * share one only when they are the same row again.
     */
    private static void assertEveryRowOfAWindowHasItsOwnVersion(IndicatorHarness h) {
        Map<String, IndicatorRow> newest = new HashMap<>();
        for (IndicatorRow r : h.rows()) {
            String key = r.indicatorId() + "/" + r.windowType() + "/" + r.windowStart() + "/" + r.subjectType() + "/"
                    + r.subjectId();
            IndicatorRow before = newest.put(key, r);
            if (before != null) {
                assertTrue(r.version() >= before.version(), key + ": version went down");
                if (r.version() == before.version()) {
                    assertEquals(content(before), content(r), key + ": two rows with version " + r.version());
                }
            }
        }
    }

    private static List<Object> content(IndicatorRow r) {
        return Arrays.asList(r.value(), r.numerator(), r.denominator(), r.target(), r.eventCount());
    }
}
