package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Histories: growth curves of month-to-date values, sparklines of days, rolling windows per as-of day. */
class HistoryTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static StoredRows stored;

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_history");
        stored.insert(
                month("2025-03-01", "2025-03-31", "500"),
                month("2025-12-01", "2025-12-31", "800"),
                month("2026-02-01", "2026-02-28", "1000.00"),
                month("2026-03-01", "2026-03-31", "12345.67").version(3),
                // A month outside the range and another subject: neither shows.
                month("2025-02-01", "2025-02-28", "1"),
                row(
                        "t-acme",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-01-01",
                        "2026-01-31",
                        "EMPLOYEE",
                        "e-2",
                        "7"),
                day("2026-03-01", "100"),
                day("2026-03-10", "250.5"),
                day("2026-03-15", "300"));
        stored.insert(month("2026-03-01", "2026-03-31", "1.00").version(2));
    }

    private static StoredRows.Row month(String start, String end, String value) {
        return row("t-acme", "new_policy_premium", "MONTH_TO_DATE", start, end, "EMPLOYEE", "e-1", value);
    }

    private static StoredRows.Row day(String dayText, String value) {
        return row("t-acme", "new_policy_premium", "DAY", dayText, dayText, "EMPLOYEE", "e-1", value);
    }

    private static List<String> history(
            ValueReadStrategy strategy, WindowType window, String from, String to, HistoryStep step) {
        List<String> shown = new ArrayList<>();
        for (HistoryPoint p : stored.reader(strategy)
                .history(new HistoryQuery(
                        "t-acme",
                        "new_policy_premium",
                        window,
                        SubjectType.EMPLOYEE,
                        "e-1",
                        LocalDate.parse(from),
                        LocalDate.parse(to),
                        step))) {
            shown.add(p.day() + "="
                    + (p.value() == null
                            ? "-"
                            : p.value().value().stripTrailingZeros().toPlainString()));
        }
        return shown;
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void growthCurveHasTheMonthToDateValueAtEveryMonthEndOfThirteenMonths(ValueReadStrategy strategy) {
        assertEquals(
                List.of(
                        "2025-03-31=500",
                        "2025-04-30=-",
                        "2025-05-31=-",
                        "2025-06-30=-",
                        "2025-07-31=-",
                        "2025-08-31=-",
                        "2025-09-30=-",
                        "2025-10-31=-",
                        "2025-11-30=-",
                        "2025-12-31=800",
                        "2026-01-31=-",
                        "2026-02-28=1000",
                        "2026-03-15=12345.67"),
                history(strategy, WindowType.MONTH_TO_DATE, "2025-03-15", "2026-03-15", HistoryStep.MONTH));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void sparklineHasEveryDayOfTheRange(ValueReadStrategy strategy) {
        List<String> days = history(strategy, WindowType.DAY, "2026-02-14", "2026-03-15", HistoryStep.DAY);
        assertEquals(30, days.size());
        assertEquals("2026-02-14=-", days.get(0));
        assertEquals("2026-03-01=100", days.get(15));
        assertEquals("2026-03-10=250.5", days.get(24));
        assertEquals("2026-03-15=300", days.get(29));
        assertEquals(27, days.stream().filter(d -> d.endsWith("=-")).count());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void weeklyStepShowsTheWindowAsOfEachSunday(ValueReadStrategy strategy) {
        // 2026-03-01 and 2026-03-08 are Sundays; the last point is clipped to the end of the range.
        assertEquals(
                List.of("2026-03-01=100", "2026-03-08=-", "2026-03-10=250.5"),
                history(strategy, WindowType.DAY, "2026-02-28", "2026-03-10", HistoryStep.WEEK));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void rollingHistoryShowsTheInstanceEndingOnEachDayAssembledFromItsSevenDays(ValueReadStrategy strategy) {
        // Day rows 03-01 = 100, 03-10 = 250.5, 03-15 = 300: a week holds 03-01 up to 03-07 and 03-10 from
        // 03-10 on; 03-15 adds 300. No rolling row is stored.
        assertEquals(
                List.of(
                        "2026-03-07=100",
                        "2026-03-08=-",
                        "2026-03-09=-",
                        "2026-03-10=250.5",
                        "2026-03-11=250.5",
                        "2026-03-14=250.5",
                        "2026-03-15=550.5"),
                history(strategy, WindowType.ROLLING_7D, "2026-03-07", "2026-03-15", HistoryStep.DAY).stream()
                        .filter(p -> !p.startsWith("2026-03-12") && !p.startsWith("2026-03-13"))
                        .toList());
    }
}
