package io.kpipulse.indicators;

import static io.kpipulse.indicators.IndicatorHarness.E1;
import static io.kpipulse.indicators.IndicatorHarness.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.testing.TestCatalogs;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The aggregator as an operator: coalesced writes, versions that let ClickHouse keep the newest row,
 * catalog versions arriving at run time, and state and timers of a key gone once nothing can change.
 */
class IndicatorAggregatorHarnessTest {

    private static final String PREMIUM = "new_policy_premium";

    private static IndicatorHarness library() throws Exception {
        return new IndicatorHarness(CatalogFixtures.libraryUpdate());
    }

    @Test
    void updatesWithinAFlushIntervalAreCoalescedIntoOneRowPerWindow() throws Exception {
        try (IndicatorHarness h = library()) {
            h.advanceTo("2026-03-10T09:00");
            h.send(
                    h.value(PREMIUM, E1, "2026-03-10T10:00", "100.00"),
                    h.value(PREMIUM, E1, "2026-03-10T10:00", "50.00"));
            assertTrue(h.rows().isEmpty(), "nothing is written before the flush");
            h.flush();
            // Per subject (e-1, d-team, d-root) one row per calendar window type of the indicator (5 of its 8: the
            // three rolling ones are assembled from the DAY row when read), each with both items.
            List<IndicatorRow> rows = h.rows();
            assertEquals(3 * 5, rows.size());
            assertTrue(rows.stream().allMatch(r -> r.value().toPlainString().equals("150.00") && r.eventCount() == 2));
            h.flush();
            assertEquals(3 * 5, h.rows().size(), "nothing changed: nothing more is written");
        }
    }

    @Test
    void aRowWithMoreItemsHasAGreaterVersion() throws Exception {
        try (IndicatorHarness h = library()) {
            h.send(h.value(PREMIUM, E1, "2026-03-10T10:00", "100.00"));
            h.flush();
            h.send(h.value(PREMIUM, E1, "2026-03-11T10:00", "1.00"));
            h.flush();
            List<Long> versions = h.rows(PREMIUM, WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-1").stream()
                    .map(IndicatorRow::version)
                    .toList();
            assertEquals(2, versions.size());
            assertTrue(
                    versions.get(1) > versions.get(0), "a replay writing the older row last must not win: " + versions);
        }
    }

    @Test
    void aNewCatalogVersionAppliesToAKeyFromItsNextChangeOn() throws Exception {
        try (IndicatorHarness h = library()) {
            h.send(h.value(PREMIUM, E1, "2026-03-10T10:00", "9000.00"));
            h.flush();
            assertThat(h.employeeRow(PREMIUM, WindowType.MONTH_TO_DATE, "2026-03-01"))
                    .target("90000")
                    .attainment("0.1000");
            h.publish(TestCatalogs.nextLibraryVersion(yaml -> yaml.replace("target: 90000", "target: 45000")));
            h.flush();
            assertEquals(
                    1,
                    h.rows(PREMIUM, WindowType.MONTH_TO_DATE, SubjectType.EMPLOYEE, "e-1")
                            .size(),
                    "a catalog version alone rewrites nothing");
            h.send(h.value(PREMIUM, E1, "2026-03-11T10:00", "0.00"));
            h.flush();
            IndicatorRow row = h.employeeRow(PREMIUM, WindowType.MONTH_TO_DATE, "2026-03-01");
            assertThat(row).value("9000.00").target("45000").attainment("0.2000");
            assertEquals(CatalogFixtures.LIBRARY.version() + 1, row.catalogVersion());
        }
    }

    @Test
    void aKeyWithCalendarAndRollingWindowsLeavesNothingOnceTheYearIsFinal() throws Exception {
        try (IndicatorHarness h = library()) {
            h.advanceTo("2026-03-10T00:00");
            h.send(h.value(PREMIUM, E1, "2026-03-10T10:00", "100.00"));
            h.flush();
            h.advanceTo("2026-12-31T23:59");
            assertTrue(h.aggregatorStateEntries() > 0, "the year to date is not final yet");
            // Past the end of the year window (+ allowed lateness) and long past the 90-day rolling window.
            h.assertNothingLeftAt("2027-01-05T00:00");
        }
    }

    @Test
    void anIndicatorRemovedFromTheCatalogLeavesNoStateAndNoTimer() throws Exception {
        try (IndicatorHarness h = library()) {
            h.advanceTo("2026-03-10T00:00");
            h.send(h.value(PREMIUM, E1, "2026-03-10T10:00", "100.00"));
            h.flush();
            h.publish(TestCatalogs.nextLibraryVersion(yaml -> yaml.replace("id: " + PREMIUM, "id: renamed_premium")));
            int written = h.rows().size();
            h.assertNothingLeftAt("2027-06-01T00:00");
            assertEquals(written, h.rows().size(), "a removed indicator writes no more rows");
        }
    }
}
