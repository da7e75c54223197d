package io.kpipulse.indicators;

import static io.kpipulse.indicators.IndicatorHarness.E1;
import static io.kpipulse.indicators.IndicatorHarness.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.tenants.TenantCalendar;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Window bounds and lifetimes of every window type (catalog README: Day, Rolling windows): days of the
 * tenant's zone, weeks from Monday, quarter and year boundaries, rolling windows that move on at the
 * tenant's midnight by themselves and forget days that left them, and state kept exactly as long as a
 * window can still change.
 */
class WindowTypesHarnessTest {

    private static final String COUNT = "count";
    private static final String DURATION = "duration";
    private static final String PREMIUM = "premium";

    private static CatalogUpdate catalog(String windows) {
        return TestIndicator.catalog(
                // A holistic kind, so the engine itself writes its rolling instances (one per as-of day); every
                // item below names its own policy, so the distinct count counts items.
                TestIndicator.of(COUNT, "{type: distinct_count, event: policy.PolicyIssued, value: policyId}")
                        .windows(windows)
                        .scale(0),
                TestIndicator.of(
                                DURATION,
                                "{type: duration, start: {event: claims.ClaimApproved, key: claimId},"
                                        + " end: {event: finance.ClaimPaymentExecuted, key: claimId}, statistic: SUM, unit: HOURS}")
                        .windows(windows),
                TestIndicator.of(PREMIUM, "{type: sum, event: policy.PolicyIssued, value: premium}")
                        .windows(windows));
    }

    private static IndicatorHarness harness(String windows) throws Exception {
        return new IndicatorHarness(catalog(windows));
    }

    private static IndicatorHarness harness(String windows, String zone) throws Exception {
        return new IndicatorHarness(
                catalog(windows), new TenantCalendar(ZoneId.of(zone), Set.of()), IndicatorHarness.MAX_PAIRING);
    }

    /** An item arrives while the watermark is at {@code watermark}, and is written. */
    private static void arrives(IndicatorHarness h, String watermark, String when) throws Exception {
        h.advanceTo(watermark);
        h.send(h.distinct(COUNT, E1, when, "p-" + when));
        h.flush();
    }

    /** The newest row of e-1's count for one window type, whatever its instance. */
    private static IndicatorRow newest(IndicatorHarness h, WindowType type) {
        List<IndicatorRow> rows = h.rows(COUNT, type, SubjectType.EMPLOYEE, E1.employee());
        assertTrue(!rows.isEmpty(), "no " + type + " row");
        return rows.get(rows.size() - 1);
    }

    @Test
    void eachWindowTypeHasItsOwnBoundsAroundTheItemsDay() throws Exception {
        try (IndicatorHarness h = harness("all")) {
            h.advanceTo("2026-03-15T09:00");
            h.send(h.distinct(COUNT, E1, "2026-03-15T10:00", "p-" + "2026-03-15T10:00")); // a Sunday
            h.flush();
            assertThat(newest(h, WindowType.DAY))
                    .window("2026-03-15", "2026-03-15")
                    .events(1);
            assertThat(newest(h, WindowType.WEEK))
                    .window("2026-03-09", "2026-03-15")
                    .events(1);
            assertThat(newest(h, WindowType.MONTH_TO_DATE))
                    .window("2026-03-01", "2026-03-31")
                    .events(1);
            assertThat(newest(h, WindowType.QUARTER_TO_DATE))
                    .window("2026-01-01", "2026-03-31")
                    .events(1);
            assertThat(newest(h, WindowType.YEAR_TO_DATE))
                    .window("2026-01-01", "2026-12-31")
                    .events(1);
            // Rolling windows end on the as-of day and count it: 7, 30 and 90 days.
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-09", "2026-03-15")
                    .events(1);
            assertThat(newest(h, WindowType.ROLLING_30D))
                    .window("2026-02-14", "2026-03-15")
                    .events(1);
            assertThat(newest(h, WindowType.ROLLING_90D))
                    .window("2025-12-16", "2026-03-15")
                    .events(1);
        }
    }

    @Test
    void aSumsRollingWindowsAreStoredAsItsDaysOnlyForTheReadModelToAssemble() throws Exception {
        try (IndicatorHarness h = harness("[MONTH_TO_DATE, ROLLING_7D]")) {
            h.send(
                    h.value(PREMIUM, E1, "2026-03-10T10:00", "100.00"),
                    h.value(PREMIUM, E1, "2026-03-11T10:00", "50.50"),
                    h.value(PREMIUM, E1, "2026-03-11T11:00", "1.25"));
            h.flush();
            // DAY is not among the indicator's windows, yet its days are stored: a week is summed from them.
            assertThat(h.employeeRow(PREMIUM, WindowType.DAY, "2026-03-10"))
                    .value("100.0000")
                    .events(1);
            assertThat(h.employeeRow(PREMIUM, WindowType.DAY, "2026-03-11"))
                    .value("51.7500")
                    .events(2);
            assertThat(h.employeeRow(PREMIUM, WindowType.MONTH_TO_DATE, "2026-03-01"))
                    .value("151.7500")
                    .events(3);
            assertEquals(List.of(), h.rows(PREMIUM, WindowType.ROLLING_7D, SubjectType.EMPLOYEE, "e-1"));
        }
    }

    /** One item just before a boundary and one just after it. */
    private static IndicatorHarness itemsAround(String windows, String before, String after) throws Exception {
        IndicatorHarness h = harness(windows);
        h.send(h.distinct(COUNT, E1, before, "p-" + before), h.distinct(COUNT, E1, after, "p-" + after));
        h.flush();
        return h;
    }

    private static void assertInstance(IndicatorHarness h, WindowType type, String start, String end, String count) {
        assertThat(h.employeeRow(COUNT, type, start)).window(start, end).value(count);
    }

    @Test
    void weeksStartOnMonday() throws Exception {
        try (IndicatorHarness h = itemsAround("[WEEK]", "2026-03-15T23:59", "2026-03-16T00:00")) {
            assertInstance(h, WindowType.WEEK, "2026-03-09", "2026-03-15", "1");
            assertInstance(h, WindowType.WEEK, "2026-03-16", "2026-03-22", "1");
        }
    }

    @Test
    void aQuarterEndsWithItsThirdMonth() throws Exception {
        try (IndicatorHarness h =
                itemsAround("[MONTH_TO_DATE, QUARTER_TO_DATE]", "2026-06-30T23:59", "2026-07-01T00:00")) {
            assertInstance(h, WindowType.QUARTER_TO_DATE, "2026-04-01", "2026-06-30", "1");
            assertInstance(h, WindowType.QUARTER_TO_DATE, "2026-07-01", "2026-09-30", "1");
            assertInstance(h, WindowType.MONTH_TO_DATE, "2026-06-01", "2026-06-30", "1");
        }
    }

    @Test
    void theYearTurnsAtNewYearWhileTheWeekAndRollingWindowsSpanIt() throws Exception {
        try (IndicatorHarness h =
                itemsAround("[WEEK, YEAR_TO_DATE, ROLLING_7D]", "2026-12-31T12:00", "2027-01-01T12:00")) {
            assertInstance(h, WindowType.YEAR_TO_DATE, "2026-01-01", "2026-12-31", "1");
            assertInstance(h, WindowType.YEAR_TO_DATE, "2027-01-01", "2027-12-31", "1");
            // Thursday 31 December belongs to the week of Monday 28 December, as Friday 1 January does.
            assertInstance(h, WindowType.WEEK, "2026-12-28", "2027-01-03", "2");
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-12-26", "2027-01-01")
                    .value("2");
        }
    }

    @Test
    void anItemsDayIsItsDayInTheTenantsZone() throws Exception {
        // 23:30 on 31 March in New York is already 1 April in UTC (and in Shanghai).
        try (IndicatorHarness h = harness("[MONTH_TO_DATE]", "America/New_York")) {
            h.send(
                    h.side(DURATION, Role.DURATION_START, "c-1", "2026-03-31T21:30", "e-claims", null),
                    h.side(DURATION, Role.DURATION_END, "c-1", "2026-03-31T23:30", "e-1", null));
            h.advanceTo("2026-04-01T00:00");
            h.flush();
            assertThat(h.employeeRow(DURATION, WindowType.MONTH_TO_DATE, "2026-03-01"))
                    .value("2.0000")
                    .events(1);
            assertEquals(
                    List.of(),
                    h.rows(DURATION, WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-1").stream()
                            .filter(r -> r.windowStart().getMonthValue() == 4)
                            .toList());
        }
    }

    @Test
    void rollingWindowsMoveOnAtTheTenantsMidnightWithoutNewItemsAndForgetDaysThatLeftThem() throws Exception {
        try (IndicatorHarness h = harness("[ROLLING_7D, ROLLING_30D]")) {
            arrives(h, "2026-03-10T09:00", "2026-03-10T10:00");
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-04", "2026-03-10")
                    .events(1);
            int written = h.rows().size();
            h.advanceTo("2026-03-10T23:59:59.999");
            assertEquals(written, h.rows().size(), "nothing moves before midnight");
            h.advanceTo("2026-03-11T00:00");
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-05", "2026-03-11")
                    .events(1);
            h.advanceTo("2026-03-16T00:00");
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-10", "2026-03-16")
                    .events(1);
            // Seven days on, the 10th has left the 7-day window but not the 30-day one.
            h.advanceTo("2026-03-17T00:00");
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-11", "2026-03-17")
                    .value("0")
                    .events(0);
            assertThat(newest(h, WindowType.ROLLING_30D))
                    .window("2026-02-16", "2026-03-17")
                    .value("1")
                    .events(1);
            // Earlier instances keep the rows they had.
            assertThat(h.employeeRow(COUNT, WindowType.ROLLING_7D, "2026-03-10"))
                    .events(1);
        }
    }

    @Test
    void rollingWindowsFollowTheTenantsOwnMidnightAcrossADaylightSavingChange() throws Exception {
        // New York moves its clocks forward on Sunday 8 March 2026: that day has 23 hours.
        try (IndicatorHarness h = harness("[ROLLING_7D]", "America/New_York")) {
            arrives(h, "2026-03-07T09:00", "2026-03-07T10:00");
            h.advanceTo("2026-03-08T00:00");
            assertThat(newest(h, WindowType.ROLLING_7D)).window("2026-03-02", "2026-03-08");
            // Midnight in Shanghai is noon in New York: no new day for this tenant.
            h.advanceTo("2026-03-08T23:59:59.999");
            assertThat(newest(h, WindowType.ROLLING_7D)).window("2026-03-02", "2026-03-08");
            h.advanceTo("2026-03-09T00:00");
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-03", "2026-03-09")
                    .events(1);
        }
    }

    @Test
    void anItemOlderThanTheAsOfDayUpdatesTheCurrentRollingInstance() throws Exception {
        try (IndicatorHarness h = harness("[ROLLING_7D]")) {
            arrives(h, "2026-03-11T12:00", "2026-03-11T12:30");
            h.send(h.distinct(COUNT, E1, "2026-03-05T12:00", "p-" + "2026-03-05T12:00"));
            h.flush();
            // The as-of day does not go back to the 5th: the instance ending on the 11th now holds both.
            assertThat(newest(h, WindowType.ROLLING_7D))
                    .window("2026-03-05", "2026-03-11")
                    .events(2);
        }
    }

    /**
     * An item of the window's last minute may still come while the watermark is within the horizon past
     * the window's end; it must land on the whole window, not on a forgotten one.
     */
    @ParameterizedTest
    @EnumSource(
            value = WindowType.class,
            names = {"DAY", "WEEK", "MONTH_TO_DATE", "QUARTER_TO_DATE", "YEAR_TO_DATE"})
    void aCalendarWindowKeepsItsStateThroughTheHorizonThenLeavesNothing(WindowType type) throws Exception {
        try (IndicatorHarness h = harness("[" + type + "]")) {
            h.send(h.distinct(COUNT, E1, "2026-03-10T12:00", "p-" + "2026-03-10T12:00"));
            h.flush();
            LocalDate end = type.instanceFor(LocalDate.parse("2026-03-10")).end();
            h.advanceTo(h.millis(end.plusDays(1) + "T00:00") + IndicatorHarness.HORIZON.toMillis() - 1);
            h.send(h.distinct(COUNT, E1, end + "T23:59:59", "p-" + end + "T23:59:59"));
            h.flush();
            assertThat(h.row(COUNT, type, type.instanceFor(end).start().toString(), SubjectType.EMPLOYEE, "e-1"))
                    .value("2")
                    .events(2);
            h.assertNothingLeftAt(end.plusDays(3) + "T00:00");
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = WindowType.class,
            names = {"ROLLING_7D", "ROLLING_30D", "ROLLING_90D"})
    void aRollingWindowLeavesNothingOnceItsDaysHaveAllLeftIt(WindowType type) throws Exception {
        try (IndicatorHarness h = harness("[" + type + "]")) {
            arrives(h, "2026-03-10T09:00", "2026-03-10T10:00");
            String gone = LocalDate.parse("2026-03-10").plusDays(type.rollingDays()) + "T00:00";
            h.advanceTo(h.millis(gone) - 1);
            assertThat(newest(h, type)).events(1);
            assertTrue(h.aggregatorStateEntries() > 0, "the last day of the window still counts the 10th");
            h.advanceTo(gone);
            assertThat(newest(h, type)).value("0").events(0);
            // An item dated within the horizon before midnight may still change yesterday's instance,
            // which holds the 10th: kept a day more, and another for admission's clock.
            assertTrue(h.aggregatorStateEntries() > 0, "yesterday's instance may still change");
            h.advanceTo(h.millis(gone) + Duration.ofDays(2).toMillis());
            assertEquals(
                    List.of(0, 0), List.of(h.aggregatorStateEntries(), h.aggregatorTimers()), "state entries, timers");
        }
    }
}
