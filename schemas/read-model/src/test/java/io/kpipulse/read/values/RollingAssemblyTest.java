package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Rolling windows of decomposable kinds are assembled from DAY rows when read: parts summed over the
 * instance's days, the value and attainment recomputed with the catalog's target, ranked in ClickHouse.
 */
class RollingAssemblyTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final long DAY_MS = 86_400_000L;
    private static final LocalDate AS_OF = LocalDate.of(2026, 3, 15);
    private static final RankingQuery CYCLE_TIME_7D = RankingQuery.all(
            "t-acme",
            "claim_cycle_time_avg",
            Direction.LOWER_IS_BETTER,
            WindowType.ROLLING_7D.instanceFor(AS_OF),
            SubjectType.EMPLOYEE);

    static StoredRows stored;

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_rolling");
        // claim_cycle_time_avg (days, lower is better, target 2): numerator = duration ms, denominator = claims.
        stored.insert(
                cycleDay("c-1", "2026-03-14", 2 * DAY_MS, 1).version(1),
                cycleDay("c-1", "2026-03-15", DAY_MS, 1).version(1),
                cycleDay("c-2", "2026-03-15", 3 * DAY_MS, 2).version(2),
                cycleDay("c-3", "2026-03-10", 3 * DAY_MS, 1).version(1),
                cycleDay("c-3", "2026-03-08", 1, 1).version(1), // a day before the week: not in it
                cycleDay("c-4", "2026-03-08", DAY_MS, 1).version(1)); // only before the week: not ranked
        // A stale version of c-1's 03-15 arriving after the newest must not count.
        stored.insert(cycleDay("c-1", "2026-03-15", 99 * DAY_MS, 1).version(0));
    }

    private static StoredRows.Row cycleDay(String employee, String day, long millis, long claims) {
        return row("t-acme", "claim_cycle_time_avg", "DAY", day, day, "EMPLOYEE", employee, "0")
                .parts(String.valueOf(millis), String.valueOf(claims));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aRollingAverageIsTheSumOfTheDaysDurationsOverTheirCountWithTheCatalogsTarget(ValueReadStrategy strategy) {
        IndicatorValue c1 = stored.reader(strategy)
                .value("t-acme", "claim_cycle_time_avg", WindowType.ROLLING_7D, AS_OF, SubjectType.EMPLOYEE, "c-1")
                .orElseThrow()
                .current();
        // (2 days + 1 day) over 2 claims = 1.5 days; lower is better: 2 / 1.5.
        assertEquals(new BigDecimal("1.5000"), c1.value());
        assertEquals(0, new BigDecimal(3 * DAY_MS).compareTo(c1.numerator()));
        assertEquals(0, BigDecimal.valueOf(2).compareTo(c1.denominator()));
        assertEquals(0, BigDecimal.valueOf(2).compareTo(c1.target()));
        assertEquals(new BigDecimal("1.3333"), c1.attainment());
        assertEquals(LocalDate.of(2026, 3, 9), c1.windowStart());
        assertEquals(AS_OF, c1.windowEnd());
        assertEquals(2, c1.eventCount());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aRollingRankingRanksTheAssembledValuesWithSharedRanksAndOnlySubjectsWithDaysInTheWindow(
            ValueReadStrategy strategy) {
        RankingPage page = stored.reader(strategy).ranking(CYCLE_TIME_7D, 10, 0);
        assertEquals(3, page.total());
        List<String> shown = page.entries().stream()
                .map(e -> e.rank() + ":" + e.value().current().subjectId() + "="
                        + e.value().current().value().toPlainString())
                .toList();
        assertEquals(List.of("1:c-1=1.5000", "1:c-2=1.5000", "3:c-3=3.0000"), shown);
        // The previous week (03-02..03-08) of c-3 holds its 03-08 day: 1 ms over 1 claim.
        assertEquals(
                new BigDecimal("0.0000"),
                page.entries().get(2).value().previous().value());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aSubjectsStandingInARollingRankingIsFoundAmongAllRanked(ValueReadStrategy strategy) {
        var standing = stored.reader(strategy).rankOf(CYCLE_TIME_7D, "c-3").orElseThrow();
        assertEquals(3, standing.entry().rank());
        assertEquals(3, standing.total());
        assertTrue(stored.reader(strategy).rankOf(CYCLE_TIME_7D, "c-4").isEmpty());
    }
}
