package io.kpipulse.read.values;

import static io.kpipulse.read.values.StoredRows.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Rankings in ClickHouse: best first by direction, shared ranks for ties, top-N pages, totals, subsets. */
class RankingTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final RankingQuery PREMIUM = RankingQuery.all(
            "t-acme",
            "new_policy_premium",
            Direction.HIGHER_IS_BETTER,
            WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 15)),
            SubjectType.EMPLOYEE);
    static final RankingQuery CYCLE_TIME = RankingQuery.all(
            "t-acme",
            "claim_cycle_time_avg",
            Direction.LOWER_IS_BETTER,
            WindowType.MONTH_TO_DATE.instanceFor(LocalDate.of(2026, 3, 15)),
            SubjectType.EMPLOYEE);

    static StoredRows stored;

    @BeforeAll
    static void seed() throws Exception {
        stored = StoredRows.create(CLICKHOUSE, "reader_ranking");
        stored.insert(
                premium("e-1", "10").version(1),
                premium("e-2", "30").version(1),
                premium("e-3", "20").version(1),
                premium("e-4", "30.000").version(1),
                premium("e-5", "99").version(1),
                premium("e-0", null).version(1),
                premium("e-9", null).version(1),
                cycle("c-1", "2.5"),
                cycle("c-2", "0.75"),
                cycle("c-3", "1"),
                cycle("c-4", "0.75"),
                row(
                        "t-acme",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-02-01",
                        "2026-02-28",
                        "EMPLOYEE",
                        "e-2",
                        "40"),
                row(
                        "t-other",
                        "new_policy_premium",
                        "MONTH_TO_DATE",
                        "2026-03-01",
                        "2026-03-31",
                        "EMPLOYEE",
                        "x-1",
                        "1000"));
        // e-5 was first in an older version: only its newest version ranks.
        stored.insert(premium("e-5", "5").version(2));
    }

    private static StoredRows.Row premium(String subject, String value) {
        return row(
                "t-acme",
                "new_policy_premium",
                "MONTH_TO_DATE",
                "2026-03-01",
                "2026-03-31",
                "EMPLOYEE",
                subject,
                value);
    }

    private static StoredRows.Row cycle(String subject, String value) {
        return row(
                "t-acme",
                "claim_cycle_time_avg",
                "MONTH_TO_DATE",
                "2026-03-01",
                "2026-03-31",
                "EMPLOYEE",
                subject,
                value);
    }

    private static List<String> listing(RankingPage page) {
        return page.entries().stream()
                .map(e -> e.value().current().subjectId() + "#" + e.rank())
                .toList();
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void higherIsBetterRanksLargestFirstTiesShareARankAndUndefinedComeLast(ValueReadStrategy strategy) {
        RankingPage page = stored.reader(strategy).ranking(PREMIUM, 50, 0);
        assertEquals(List.of("e-2#1", "e-4#1", "e-3#3", "e-1#4", "e-5#5", "e-0#null", "e-9#null"), listing(page));
        assertEquals(7, page.total());
        assertFalse(page.hasMore());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void lowerIsBetterRanksTheSmallestFirst(ValueReadStrategy strategy) {
        RankingPage page = stored.reader(strategy).ranking(CYCLE_TIME, 50, 0);
        assertEquals(List.of("c-2#1", "c-4#1", "c-3#3", "c-1#4"), listing(page));
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void topNPagesKeepTheirRanksAndTheTotal(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        RankingPage top2 = reader.ranking(PREMIUM, 2, 0);
        assertEquals(List.of("e-2#1", "e-4#1"), listing(top2));
        assertEquals(7, top2.total());
        assertTrue(top2.hasMore());
        RankingPage second = reader.ranking(PREMIUM, 2, 2);
        assertEquals(List.of("e-3#3", "e-1#4"), listing(second));
        RankingPage last = reader.ranking(PREMIUM, 2, 6);
        assertEquals(List.of("e-9#null"), listing(last));
        assertFalse(last.hasMore());
        RankingPage past = reader.ranking(PREMIUM, 2, 40);
        assertEquals(List.of(), listing(past));
        assertEquals(7, past.total());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void aSetOfSubjectsIsRankedAmongItself(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        RankingPage team = reader.ranking(PREMIUM.among(List.of("e-1", "e-3", "e-0", "e-nobody")), 50, 0);
        assertEquals(List.of("e-3#1", "e-1#2", "e-0#null"), listing(team));
        assertEquals(3, team.total());
        assertEquals(0, reader.ranking(PREMIUM.among(List.of()), 50, 0).total());
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void rankOfOneSubjectIsItsPlaceAmongAll(ValueReadStrategy strategy) {
        IndicatorValueReader reader = stored.reader(strategy);
        var e4 = reader.rankOf(PREMIUM, "e-4").orElseThrow();
        assertEquals(1, e4.entry().rank());
        assertEquals(7, e4.total());
        var e1 = reader.rankOf(PREMIUM, "e-1").orElseThrow();
        assertEquals(4, e1.entry().rank());
        assertEquals(
                2,
                reader.rankOf(PREMIUM.among(List.of("e-1", "e-3")), "e-1")
                        .orElseThrow()
                        .entry()
                        .rank());
        assertEquals(null, reader.rankOf(PREMIUM, "e-0").orElseThrow().entry().rank());
        assertTrue(reader.rankOf(PREMIUM, "x-1").isEmpty(), "another tenant's subject");
        assertTrue(reader.rankOf(PREMIUM.among(List.of("e-3")), "e-1").isEmpty(), "outside the set");
    }

    @ParameterizedTest
    @EnumSource(ValueReadStrategy.class)
    void rankedEntriesCarryTheirPreviousInstance(ValueReadStrategy strategy) {
        RankingPage top = stored.reader(strategy).ranking(PREMIUM, 1, 0);
        InstanceValue e2 = top.entries().get(0).value();
        assertEquals(new BigDecimal("40.000000"), e2.previous().value());
        assertEquals(new BigDecimal("-10.000000"), e2.change()); // 30 - 40
        var standing = stored.reader(strategy).rankOf(PREMIUM, "e-2").orElseThrow();
        assertEquals(new BigDecimal("-10.000000"), standing.entry().value().change());
    }
}
