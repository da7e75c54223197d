package io.kpipulse.indicators;

import static io.kpipulse.indicators.IndicatorHarness.E1;
import static io.kpipulse.indicators.IndicatorHarness.assertThat;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.tenants.TenantCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every aggregation kind of the catalog through the operators that compute it, each value worked out by
 * hand in the comments from catalog/README.md. Measures, ratios, shares and self-reports reach the
 * aggregator as admission emits their items; durations, follow-ups and retention go through the joiner
 * first. Month to date, March 2026, employee e-1 in d-team (below d-root), unless a test says otherwise.
 */
class AggregationKindsHarnessTest {

    private static final String MONTH = "2026-03-01";
    private static final String PAIRED = "{event: claims.ClaimApproved, key: claimId}";
    private static final String PAID = "{event: finance.ClaimPaymentExecuted, key: claimId}";
    private static final String ONBOARDED = "{event: hr.CandidateOnboarded, key: newEmployeeId}";

    private static final List<TestIndicator> KINDS = List.of(
            TestIndicator.of("count", "{type: count, event: policy.PolicyIssued}")
                    .scale(0)
                    .target("4"),
            TestIndicator.of("sum", "{type: sum, event: policy.PolicyIssued, value: premium}")
                    .scale(2)
                    .target("1000"),
            TestIndicator.of("average", "{type: average, event: policy.PolicyIssued, value: premium}")
                    .target("8"),
            TestIndicator.of("min", "{type: min, event: policy.PolicyIssued, value: premium}")
                    .scale(2)
                    .target("3"),
            TestIndicator.of("max", "{type: max, event: policy.PolicyIssued, value: premium}")
                    .scale(2)
                    .lowerIsBetter()
                    .target("10"),
            TestIndicator.of("distinct", "{type: distinct_count, event: policy.PolicyIssued, value: customerId}")
                    .scale(0),
            TestIndicator.of("last", "{type: last, event: feedback.ManagerRated, value: rating, employee: employeeId}")
                    .scale(2),
            TestIndicator.of(
                            "error_rate",
                            "{type: ratio, numerator: {type: count, event: finance.ReimbursementReturned},"
                                    + " denominator: {type: count, event: finance.ReimbursementPaid}, denominatorAddsNumerator: true,"
                                    + " multiplier: 100}")
                    .lowerIsBetter()
                    .target("20"),
            TestIndicator.of(
                            "onboarding_rate",
                            "{type: ratio, numerator: {type: count, event: hr.CandidateOnboarded},"
                                    + " denominator: {type: sum, event: hr.RequisitionOpened, value: headcount}}")
                    .target("0.9"),
            TestIndicator.of("pass_rate", "{type: share, event: hr.TrainingAssessed, condition: [\"passed == true\"]}")
                    .target("0.9"),
            TestIndicator.of(
                            "records",
                            "{type: self_report, system: {type: count, event: crm.CustomerRecordVerified,"
                                    + " where: [\"complete == true\"]}, metric: customer_records_completed}")
                    .scale(0)
                    .target("5"),
            duration("duration_avg", "statistic: AVERAGE, unit: HOURS")
                    .lowerIsBetter()
                    .target("24"),
            duration("duration_sum", "statistic: SUM, unit: HOURS"),
            duration("duration_median", "statistic: MEDIAN, unit: HOURS"),
            duration("duration_p90", "statistic: P90, unit: HOURS"),
            duration("within_1d", "statistic: SHARE_WITHIN, limit: 1d").target("0.8"),
            duration("calendar_hours", "statistic: SUM, unit: HOURS, calendar: CALENDAR_DAYS"),
            duration("working_hours", "statistic: SUM, unit: HOURS, calendar: WORKING_DAYS"),
            TestIndicator.of(
                            "new_hire_sales",
                            "{type: follow_up, anchor: " + ONBOARDED + ", follow: {type: sum,"
                                    + " event: policy.PolicyIssued, key: header.employeeId, value: premium}, within: 90d}")
                    .windows("[QUARTER_TO_DATE, YEAR_TO_DATE]")
                    .subjects("[EMPLOYEE, DEPARTMENT, SERVED_DEPARTMENT]")
                    .scale(2)
                    .target("1000"),
            TestIndicator.of(
                            "retention",
                            "{type: retention, anchor: " + ONBOARDED + ", exit: {event: org.EmployeeLeft,"
                                    + " key: employeeId}, horizon: 90d}")
                    .windows("[QUARTER_TO_DATE, YEAR_TO_DATE]")
                    .target("0.9"));

    /** Tuesday 2026-03-10 is a holiday of the test tenant. */
    private final IndicatorHarness h = new IndicatorHarness(
            TestIndicator.catalog(1, KINDS),
            new TenantCalendar(TenantCalendar.DEFAULT_ZONE, Set.of(LocalDate.parse("2026-03-10"))),
            IndicatorHarness.MAX_PAIRING);

    AggregationKindsHarnessTest() throws Exception {}

    private static TestIndicator duration(String id, String statistic) {
        return TestIndicator.of(id, "{type: duration, start: " + PAIRED + ", end: " + PAID + ", " + statistic + "}");
    }

    /** Whatever a test left, every window is final long after: nothing stays in state or on a timer. */
    @AfterEach
    void nothingIsLeftOnceEveryWindowIsFinal() throws Exception {
        h.assertNothingLeftAt("2028-06-01T00:00");
        h.close();
    }

    private IndicatorRow month(String indicator) {
        return h.employeeRow(indicator, WindowType.MONTH_TO_DATE, MONTH);
    }

    @Test
    void countCountsItems() throws Exception {
        h.send(
                h.one("count", E1, "2026-03-02T10:00"),
                h.one("count", E1, "2026-03-03T10:00"),
                h.one("count", E1, "2026-03-31T23:59"));
        h.flush();
        // 3 of a target of 4.
        assertThat(month("count"))
                .value("3")
                .numerator("3")
                .denominator(null)
                .target("4")
                .attainment("0.7500")
                .events(3);
        assertThat(h.row("count", WindowType.MONTH_TO_DATE, MONTH, SubjectType.DEPARTMENT, "d-root"))
                .value("3")
                .events(3);
    }

    @Test
    void sumAddsValuesExactlyAndAttainmentRoundsHalfEven() throws Exception {
        h.send(
                h.value("sum", E1, "2026-03-02T10:00", "100.10"),
                h.value("sum", E1, "2026-03-03T10:00", "200.20"),
                h.value("sum", E1, "2026-03-04T10:00", "0.05"));
        h.flush();
        // 300.35 exactly (no binary floating point); 300.35 / 1000 = 0.30035 → 0.3004 half-even.
        assertThat(month("sum"))
                .value("300.35")
                .numerator("300.35")
                .denominator(null)
                .target("1000")
                .attainment("0.3004")
                .events(3);
    }

    @Test
    void averageIsTheSumOverTheCount() throws Exception {
        h.send(
                h.value("average", E1, "2026-03-02T10:00", "10"),
                h.value("average", E1, "2026-03-03T10:00", "10"),
                h.value("average", E1, "2026-03-04T10:00", "0"));
        h.flush();
        // 20 / 3 = 6.66666… → 6.6667; attainment 6.6667 / 8 = 0.83333… → 0.8333.
        assertThat(month("average"))
                .value("6.6667")
                .numerator("20")
                .denominator("3")
                .target("8")
                .attainment("0.8333")
                .events(3);
    }

    @Test
    void minAndMaxTakeTheExtremesAndHaveNoParts() throws Exception {
        for (String kind : List.of("min", "max")) {
            h.send(
                    h.value(kind, E1, "2026-03-02T10:00", "7.5"),
                    h.value(kind, E1, "2026-03-03T10:00", "2.25"),
                    h.value(kind, E1, "2026-03-04T10:00", "3"));
        }
        h.flush();
        // min 2.25 of a target of 3: 0.75; max 7.50, lower is better: 10 / 7.5 = 1.3333.
        assertThat(month("min"))
                .value("2.25")
                .numerator(null)
                .denominator(null)
                .target("3")
                .attainment("0.7500")
                .events(3);
        assertThat(month("max"))
                .value("7.50")
                .numerator(null)
                .denominator(null)
                .target("10")
                .attainment("1.3333")
                .events(3);
    }

    @Test
    void distinctCountCountsEachValueOnce() throws Exception {
        h.send(
                h.distinct("distinct", E1, "2026-03-02T10:00", "c-1"),
                h.distinct("distinct", E1, "2026-03-03T10:00", "c-2"),
                h.distinct("distinct", E1, "2026-03-04T10:00", "c-1"));
        h.flush();
        assertThat(month("distinct"))
                .value("2")
                .numerator("2")
                .denominator(null)
                .target(null)
                .attainment(null)
                .events(3);
    }

    @Test
    void lastTakesTheLatestItemByTimeThenByEventIdWhateverTheArrivalOrder() throws Exception {
        Item morning = h.value("last", E1, "2026-03-05T10:00", "70");
        Item noonFirstId = h.value("last", E1, "2026-03-05T12:00", "80");
        Item noonSecondId = h.value("last", E1, "2026-03-05T12:00", "90");
        Item late = h.value("last", E1, "2026-03-05T11:00", "60");
        h.send(noonSecondId, morning, noonFirstId, late);
        h.flush();
        // Two items at noon: the greater event id wins.
        assertThat(month("last"))
                .value("90.00")
                .numerator(null)
                .denominator(null)
                .events(4);
    }

    @Test
    void ratioDividesTheSidesAndCanAddTheNumeratorToTheDenominator() throws Exception {
        h.send(
                h.numerator("error_rate", E1, "2026-03-02T10:00", "1"),
                h.denominator("error_rate", E1, "2026-03-03T10:00", "1"),
                h.denominator("error_rate", E1, "2026-03-04T10:00", "1"),
                h.denominator("error_rate", E1, "2026-03-05T10:00", "1"));
        h.flush();
        // 1 returned / (3 paid + 1 returned) × 100 = 25; lower is better: 20 / 25 = 0.8.
        assertThat(month("error_rate"))
                .value("25.0000")
                .numerator("1")
                .denominator("4")
                .target("20")
                .attainment("0.8000")
                .events(4);
    }

    @Test
    void ratioWithAZeroDenominatorHasNoValueRatherThanZero() throws Exception {
        h.send(h.numerator("onboarding_rate", E1, "2026-03-02T10:00", "1"));
        h.flush();
        assertThat(month("onboarding_rate"))
                .value(null)
                .numerator("1")
                .denominator("0")
                .target("0.9")
                .attainment(null)
                .events(1);
        // Then a requisition for 20 people: 1 / 20.
        h.send(h.denominator("onboarding_rate", E1, "2026-03-03T10:00", "20"));
        h.flush();
        assertThat(month("onboarding_rate"))
                .value("0.0500")
                .numerator("1")
                .denominator("20")
                .attainment("0.0556")
                .events(2);
    }

    @Test
    void shareIsTheItemsMeetingTheConditionOverAllItems() throws Exception {
        h.send(
                h.outcome("pass_rate", E1, "2026-03-02T10:00", true),
                h.outcome("pass_rate", E1, "2026-03-03T10:00", true),
                h.outcome("pass_rate", E1, "2026-03-04T10:00", false),
                h.outcome("pass_rate", E1, "2026-03-05T10:00", true));
        h.flush();
        // 3 of 4 passed; 0.75 / 0.9 = 0.8333.
        assertThat(month("pass_rate"))
                .value("0.7500")
                .numerator("3")
                .denominator("4")
                .target("0.9")
                .attainment("0.8333")
                .events(4);
    }

    @Test
    void selfReportIsTheSystemCountWithTheClaimBesideIt() throws Exception {
        h.send(
                h.numerator("records", E1, "2026-03-02T10:00", "1"),
                h.numerator("records", E1, "2026-03-09T10:00", "1"),
                h.numerator("records", E1, "2026-03-16T10:00", "1"),
                h.claim("records", E1, "2026-03", "5"),
                h.claim("records", E1, "2026-03", "2"));
        h.flush();
        // The CRM verified 3; the employee claimed 5 + 2 = 7. Claims are shown, not counted as events.
        assertThat(month("records"))
                .value("3")
                .numerator("3")
                .denominator("7")
                .target("5")
                .attainment("0.6000")
                .events(3);
    }

    /** Approvals by e-claims, payments by e-1 (credited: the end side), ending at start + length. */
    private void pairs(String indicator, String firstStart, Duration... lengths) throws Exception {
        LocalDateTime start = LocalDateTime.parse(firstStart);
        for (int i = 0; i < lengths.length; i++) {
            String key = indicator + "-" + i;
            h.send(
                    h.side(indicator, Role.DURATION_START, key, start.toString(), "e-claims", null),
                    h.side(
                            indicator,
                            Role.DURATION_END,
                            key,
                            start.plus(lengths[i]).toString(),
                            "e-1",
                            null));
            start = start.plusDays(1);
        }
    }

    private static Duration hours(double hours) {
        return Duration.ofMinutes(Math.round(hours * 60));
    }

    /** 10 h, 48 h and, paid before the approval arrived, 30 min. */
    private void threeClaims(String indicator) throws Exception {
        pairs(indicator, "2026-03-02T10:00", hours(10), hours(48));
        h.send(
                h.side(indicator, Role.DURATION_END, "late-approval", "2026-03-06T12:00", "e-1", null),
                h.side(indicator, Role.DURATION_START, "late-approval", "2026-03-06T11:30", "e-claims", null));
        h.advanceTo("2026-03-07T00:00");
        h.flush();
    }

    @Test
    void averageDurationIsTheTotalOverTheCount() throws Exception {
        threeClaims("duration_avg");
        // (10 + 48 + 0.5) h = 58.5 h = 210,600,000 ms over 3 = 19.5 h; lower is better: 24 / 19.5 = 1.2308.
        assertThat(month("duration_avg"))
                .value("19.5000")
                .numerator("210600000")
                .denominator("3")
                .target("24")
                .attainment("1.2308")
                .events(3);
    }

    @Test
    void sumDurationIsTheTotal() throws Exception {
        threeClaims("duration_sum");
        assertThat(month("duration_sum"))
                .value("58.5000")
                .numerator("210600000")
                .denominator("3")
                .events(3);
    }

    @Test
    void medianDurationOfAnEvenCountIsTheMeanOfTheTwoMiddleOnes() throws Exception {
        pairs("duration_median", "2026-03-02T09:00", hours(10), hours(48), hours(0.5), hours(2));
        h.advanceTo("2026-03-08T00:00");
        h.flush();
        // 0.5, 2, 10, 48: (2 + 10) / 2 = 6 h. A median has no numerator.
        assertThat(month("duration_median"))
                .value("6.0000")
                .numerator(null)
                .denominator("4")
                .events(4);
    }

    @Test
    void p90IsTheNearestRankNotAnInterpolation() throws Exception {
        pairs(
                "duration_p90",
                "2026-03-02T09:00",
                hours(1),
                hours(2),
                hours(3),
                hours(4),
                hours(5),
                hours(6),
                hours(7),
                hours(8),
                hours(9),
                hours(10));
        h.advanceTo("2026-03-13T00:00");
        h.flush();
        // ⌈0.9 × 10⌉ = 9th smallest = 9 h (interpolating would give 9.1 h; a floating-point rank, 10 h).
        assertThat(month("duration_p90"))
                .value("9.0000")
                .numerator(null)
                .denominator("10")
                .events(10);
    }

    @Test
    void shareWithinCountsDurationsUpToAndIncludingTheLimit() throws Exception {
        pairs("within_1d", "2026-03-02T09:00", hours(10), hours(24), hours(24).plusMinutes(1), hours(48));
        h.advanceTo("2026-03-09T00:00");
        h.flush();
        // 10 h and exactly 24 h are within 1 day: 2 / 4; 0.5 / 0.8 = 0.625.
        assertThat(month("within_1d"))
                .value("0.5000")
                .numerator("2")
                .denominator("4")
                .target("0.8")
                .attainment("0.6250")
                .events(4);
    }

    @Test
    void workingDaysCountOnlyTimeOnWeekdaysThatAreNotHolidays() throws Exception {
        for (String indicator : List.of("calendar_hours", "working_hours")) {
            // Friday 16:00 → Monday 10:00; holiday Tuesday 09:00 → Wednesday 09:00.
            h.send(
                    h.side(indicator, Role.DURATION_START, "weekend", "2026-03-06T16:00", "e-claims", null),
                    h.side(indicator, Role.DURATION_END, "weekend", "2026-03-09T10:00", "e-1", null),
                    h.side(indicator, Role.DURATION_START, "holiday", "2026-03-10T09:00", "e-claims", null),
                    h.side(indicator, Role.DURATION_END, "holiday", "2026-03-11T09:00", "e-1", null));
        }
        h.advanceTo("2026-03-12T00:00");
        h.flush();
        // Calendar: 66 h + 24 h. Working: Friday 8 h + Monday 10 h, then Wednesday's first 9 h only.
        assertThat(month("calendar_hours")).value("90.0000").denominator("2").events(2);
        assertThat(month("working_hours"))
                .value("27.0000")
                .numerator("97200000")
                .denominator("2")
                .events(2);
    }

    @Test
    void followUpSumsWhatFollowsTheAnchorWithinItsPeriod() throws Exception {
        // e-1 recruited e-new on March 1st at 10:00; e-new sells in d-sales. Within 90 days: [Mar 1 10:00, May 30
        // 10:00).
        h.send(h.side("new_hire_sales", Role.FOLLOW_ANCHOR, "e-new", "2026-03-01T10:00", "e-1", null));
        h.send(
                h.side("new_hire_sales", Role.FOLLOW_EVENT, "e-new", "2026-02-28T10:00", "e-new", "d-sales", "100"),
                h.side("new_hire_sales", Role.FOLLOW_EVENT, "e-new", "2026-03-01T10:00", "e-new", "d-sales", "200"),
                h.side("new_hire_sales", Role.FOLLOW_EVENT, "e-new", "2026-05-30T09:59", "e-new", "d-sales", "300"),
                h.side("new_hire_sales", Role.FOLLOW_EVENT, "e-new", "2026-05-30T10:00", "e-new", "d-sales", "400"));
        h.advanceTo("2026-06-01T00:00");
        h.flush();
        // 200 (at the anchor's instant) + 300; each placed at its own time: Q1 200, Q2 300.
        assertThat(h.employeeRow("new_hire_sales", WindowType.YEAR_TO_DATE, "2026-01-01"))
                .value("500.00")
                .numerator("500")
                .denominator(null)
                .target("1000")
                .attainment("0.5000")
                .events(2);
        assertThat(h.employeeRow("new_hire_sales", WindowType.QUARTER_TO_DATE, "2026-01-01"))
                .value("200.00")
                .events(1);
        assertThat(h.employeeRow("new_hire_sales", WindowType.QUARTER_TO_DATE, "2026-04-01"))
                .value("300.00")
                .events(1);
        assertThat(h.row(
                        "new_hire_sales",
                        WindowType.YEAR_TO_DATE,
                        "2026-01-01",
                        SubjectType.SERVED_DEPARTMENT,
                        "d-sales"))
                .value("500.00")
                .events(2);
    }

    @Test
    void retentionIsTheShareOfDecidedAnchorsWithoutAnExit() throws Exception {
        String hired = "2026-01-05T10:00";
        for (String key : List.of("left", "stayed", "left-at-hire", "left-at-horizon")) {
            h.send(h.side("retention", Role.RETENTION_ANCHOR, key, hired, "e-1", null));
        }
        h.send(
                h.side("retention", Role.RETENTION_EXIT, "left-at-hire", hired, null, null),
                h.side("retention", Role.RETENTION_EXIT, "left", "2026-02-10T10:00", null, null),
                h.side("retention", Role.RETENTION_EXIT, "left-at-horizon", "2026-04-05T10:00", null, null));
        h.advanceTo("2026-03-01T00:00");
        h.flush();
        // Only "left" is decided by March (at its exit); the others wait for their horizon, 90 days after hire.
        assertThat(h.employeeRow("retention", WindowType.YEAR_TO_DATE, "2026-01-01"))
                .value("0.0000")
                .numerator("0")
                .denominator("1")
                .events(1);
        h.advanceTo("2026-04-06T00:00");
        h.flush();
        // At April 5th 10:00: "stayed" and "left-at-hire" (an exit must come after the hire) are retained,
        // "left-at-horizon" is not (the horizon is inclusive). Year: 2 of 4; Q2: 2 of 3.
        assertThat(h.employeeRow("retention", WindowType.YEAR_TO_DATE, "2026-01-01"))
                .value("0.5000")
                .numerator("2")
                .denominator("4")
                .target("0.9")
                .attainment("0.5556")
                .events(4);
        assertThat(h.employeeRow("retention", WindowType.QUARTER_TO_DATE, "2026-01-01"))
                .value("0.0000")
                .events(1);
        assertThat(h.employeeRow("retention", WindowType.QUARTER_TO_DATE, "2026-04-01"))
                .value("0.6667")
                .events(3);
    }
}
