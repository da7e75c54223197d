package io.kpipulse.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ValueComputerTest {

    private static final BigDecimal HOUR = BigDecimal.valueOf(3_600_000L);

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        List<Long> hours =
                List.of(10L, 48L, 5L, 20L).stream().map(h -> h * 3_600_000L).toList();
        assertEquals(0, new BigDecimal("15").compareTo(ValueComputer.median(hours, HOUR, 6)));
    }

    @Test
    void p90IsTheNearestRankWithoutFloatingPointErrors() {
        // n = 30: rank ⌈27.0⌉ = 27 (a floating 0.9 × 30 = 27.000000000000004 would give 28).
        List<Long> samples =
                java.util.stream.LongStream.rangeClosed(1, 30).boxed().toList();
        assertEquals(0, BigDecimal.valueOf(27).compareTo(ValueComputer.nearestRank(samples, 90, BigDecimal.ONE, 6)));
        assertEquals(0, BigDecimal.ONE.compareTo(ValueComputer.nearestRank(List.of(1L), 90, BigDecimal.ONE, 6)));
    }
}
