package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RankingTest {

    @Test
    void higherIsBetterRanksLargestFirstAndTiesShareARank() {
        List<Ranking.Ranked> ranked = Ranking.rank(
                List.of(v("e-1", "10"), v("e-2", "30"), v("e-3", "20"), v("e-4", "30.000"), v("e-5", "5")),
                Direction.HIGHER_IS_BETTER);
        assertEquals(List.of("e-2", "e-4", "e-3", "e-1", "e-5"), ids(ranked));
        assertEquals(Arrays.asList(1, 1, 3, 4, 5), ranks(ranked));
    }

    @Test
    void lowerIsBetterRanksSmallestFirst() {
        List<Ranking.Ranked> ranked =
                Ranking.rank(List.of(v("e-1", "2.5"), v("e-2", "0.75"), v("e-3", "1")), Direction.LOWER_IS_BETTER);
        assertEquals(List.of("e-2", "e-3", "e-1"), ids(ranked));
        assertEquals(Arrays.asList(1, 2, 3), ranks(ranked));
    }

    @Test
    void subjectsWithoutAValueComeLastUnranked() {
        List<Ranking.Ranked> ranked =
                Ranking.rank(List.of(v("e-1", null), v("e-2", "1"), v("e-0", null)), Direction.HIGHER_IS_BETTER);
        assertEquals(List.of("e-2", "e-0", "e-1"), ids(ranked));
        assertEquals(Arrays.asList(1, null, null), ranks(ranked));
    }

    private static List<String> ids(List<Ranking.Ranked> ranked) {
        return ranked.stream().map(r -> r.value().subjectId()).toList();
    }

    private static List<Integer> ranks(List<Ranking.Ranked> ranked) {
        return ranked.stream().map(Ranking.Ranked::rank).toList();
    }

    private static IndicatorValue v(String subject, String value) {
        return new IndicatorValue(
                "x",
                SubjectType.EMPLOYEE,
                subject,
                LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 3, 31),
                value == null ? null : new BigDecimal(value),
                null,
                null,
                null,
                null,
                1,
                Instant.EPOCH,
                1,
                1);
    }
}
