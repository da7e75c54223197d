package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bulk read answers, for every subject and indicator, exactly what the one-subject read answers: stale
 * versions arriving late, undefined values, subjects without a value, rolling windows assembled from days
 * beside a holistic rolling window stored per instance, and a subtree by the engine's department paths.
 */
class BulkValuesTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final long DAY_MS = 86_400_000L;
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    private static final List<String> EMPLOYEES = List.of("e-1", "e-2", "e-3", "e-4", "e-5");
    private static final List<String> MONTH_INDICATORS =
            List.of("new_policy_premium", "policies_issued", "commission_paid");
    private static final List<String> ROLLING_INDICATORS =
            List.of("claim_cycle_time_avg", "claims_paid_amount", "claim_payment_time_median");

    static StoredRows stored;

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_bulk");
        stored.insert(
                mtd("new_policy_premium", "e-1", "12345.67")
                        .path("d-a", "d-root")
                        .version(30),
                mtd("new_policy_premium", "e-2", "500.10").path("d-b", "d-root").version(5),
                mtd("new_policy_premium", "e-3", null).path("d-b", "d-root").version(7), // undefined
                mtd("policies_issued", "e-1", "3")
                        .target("12", "0.25")
                        .path("d-a", "d-root")
                        .version(3),
                mtd("policies_issued", "e-4", "9").path("d-c").version(3), // another tree
                // last month: the previous instance, never the current one
                row("t-acme", "new_policy_premium", "MONTH_TO_DATE", "2026-02-01", "2026-02-28", "EMPLOYEE", "e-2", "1")
                        .version(99),
                row(
                        "t-other",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-03-01",
                        "2026-03-31",
                        "EMPLOYEE",
                        "e-1",
                        "7"));
        stored.insert(
                mtd("new_policy_premium", "e-1", "99999.99")
                        .path("d-a", "d-root")
                        .version(20), // stale, late
                mtd("new_policy_premium", "e-2", "600.00").path("d-b", "d-root").version(6)); // newer
        // Rolling: claim_cycle_time_avg and claims_paid_amount from DAY rows, the median stored per instance.
        stored.insert(
                day("claim_cycle_time_avg", "e-1", "2026-03-14", 2 * DAY_MS, 1).path("d-a", "d-root"),
                day("claim_cycle_time_avg", "e-1", "2026-03-15", DAY_MS, 1).path("d-a", "d-root"),
                day("claim_cycle_time_avg", "e-2", "2026-03-09", 3 * DAY_MS, 2).path("d-b", "d-root"),
                day("claim_cycle_time_avg", "e-2", "2026-03-08", DAY_MS, 1).path("d-b", "d-root"), // before the week
                day("claim_cycle_time_avg", "e-3", "2026-03-12", 0, 0).path("d-b", "d-root"), // 0 / 0
                day("claims_paid_amount", "e-1", "2026-03-10", 1000, 1).path("d-a", "d-root"),
                day("claims_paid_amount", "e-1", "2026-03-11", 234, 1).path("d-a", "d-root"),
                row(
                                "t-acme",
                                "claim_payment_time_median",
                                "ROLLING_7D",
                                "2026-03-09",
                                "2026-03-15",
                                "EMPLOYEE",
                                "e-2",
                                "0.5000")
                        .path("d-b", "d-root")
                        .version(4));
        stored.insert(day("claim_cycle_time_avg", "e-1", "2026-03-15", 50 * DAY_MS, 1)
                .path("d-a", "d-root")
                .version(0)); // stale
    }

    private static StoredRows.Row mtd(String indicator, String subject, String value) {
        return row("t-acme", indicator, "MONTH_TO_DATE", "2026-03-01", "2026-03-31", "EMPLOYEE", subject, value);
    }

    private static StoredRows.Row day(String indicator, String employee, String day, long numerator, long count) {
        return row("t-acme", indicator, "DAY", day, day, "EMPLOYEE", employee, "0")
                .parts(String.valueOf(numerator), String.valueOf(count))
                .version(1);
    }

    /** What the one-subject read answers for each listed subject, as a grid. */
    private static Map<String, Map<String, IndicatorValue>> oneByOne(
            IndicatorValueReader reader, List<String> indicators, WindowType window, List<String> subjects) {
        Map<String, Map<String, IndicatorValue>> grid = new HashMap<>();
        for (String subject : subjects) {
            Map<String, IndicatorValue> own = new HashMap<>();
            reader.values("t-acme", indicators, window, AS_OF, SubjectType.EMPLOYEE, subject)
                    .forEach((indicator, v) -> own.put(indicator, v.current()));
            if (!own.isEmpty()) {
                grid.put(subject, own);
            }
        }
        return grid;
    }

    private static ValueGrid bulk(
            IndicatorValueReader reader, List<String> indicators, WindowType window, SubjectSet subjects) {
        return reader.bulkValues(
                new BulkValueQuery("t-acme", SubjectType.EMPLOYEE, subjects, indicators, window, AS_OF));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aBulkReadOfListedSubjectsEqualsTheOneSubjectReadForCalendarWindows(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        ValueGrid grid = bulk(reader, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, SubjectSet.ids(EMPLOYEES));
        assertEquals(oneByOne(reader, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, EMPLOYEES), grid.bySubject());
        // Hand-checked: the newest versions win, the undefined value is present and null, e-5 has nothing.
        assertEquals(
                new BigDecimal("12345.670000"),
                grid.get("e-1", "new_policy_premium").orElseThrow().value());
        assertEquals(
                new BigDecimal("600.000000"),
                grid.get("e-2", "new_policy_premium").orElseThrow().value());
        assertNull(grid.get("e-3", "new_policy_premium").orElseThrow().value());
        assertTrue(grid.of("e-5").isEmpty());
        assertTrue(grid.get("e-1", "commission_paid").isEmpty());
        assertEquals(5, grid.size());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aBulkReadEqualsTheOneSubjectReadForRollingWindowsAssembledAndStored(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        ValueGrid grid = bulk(reader, ROLLING_INDICATORS, WindowType.ROLLING_7D, SubjectSet.ids(EMPLOYEES));
        assertEquals(oneByOne(reader, ROLLING_INDICATORS, WindowType.ROLLING_7D, EMPLOYEES), grid.bySubject());
        // (2 + 1 days) / 2 claims; e-2's 03-08 lies before the week 03-09..03-15; e-3's 0 / 0 is undefined.
        assertEquals(
                new BigDecimal("1.5000"),
                grid.get("e-1", "claim_cycle_time_avg").orElseThrow().value());
        assertEquals(
                new BigDecimal("1.5000"),
                grid.get("e-2", "claim_cycle_time_avg").orElseThrow().value());
        assertNull(grid.get("e-3", "claim_cycle_time_avg").orElseThrow().value());
        assertEquals(
                0,
                new BigDecimal("1234")
                        .compareTo(grid.get("e-1", "claims_paid_amount")
                                .orElseThrow()
                                .value()));
        assertEquals(
                new BigDecimal("0.500000"),
                grid.get("e-2", "claim_payment_time_median").orElseThrow().value());
        assertEquals(5, grid.size());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void everySubjectAndASubtreeAreTheListedReadOfTheSubjectsTheyCover(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        for (WindowType window : List.of(WindowType.MONTH_TO_DATE, WindowType.ROLLING_7D)) {
            List<String> indicators = window.isRolling() ? ROLLING_INDICATORS : MONTH_INDICATORS;
            assertEquals(
                    oneByOne(reader, indicators, window, EMPLOYEES),
                    bulk(reader, indicators, window, SubjectSet.all()).bySubject());
            // d-root holds e-1 (d-a) and e-2, e-3 (d-b); e-4's path is d-c only.
            assertEquals(
                    oneByOne(reader, indicators, window, List.of("e-1", "e-2", "e-3")),
                    bulk(reader, indicators, window, SubjectSet.subtree("d-root"))
                            .bySubject());
            assertEquals(
                    oneByOne(reader, indicators, window, List.of("e-2", "e-3")),
                    bulk(reader, indicators, window, SubjectSet.subtree("d-b")).bySubject());
        }
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void anEmptyIdListOrIndicatorListReadsNothing(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        assertEquals(
                0,
                bulk(reader, MONTH_INDICATORS, WindowType.MONTH_TO_DATE, SubjectSet.ids(List.of()))
                        .size());
        assertEquals(
                0,
                bulk(reader, List.of(), WindowType.MONTH_TO_DATE, SubjectSet.all())
                        .size());
    }
}
