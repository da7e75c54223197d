package io.kpipulse.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ValueRuleTest {

    private static final EventSelector PAID = EventSelector.of("claims.ClaimPaid");

    @Test
    void attainmentInvertsForLowerIsBetterAndIsNullWithoutADivisor() {
        assertEquals(
                new BigDecimal("1.2000"),
                ValueRule.attainment(Direction.HIGHER_IS_BETTER, new BigDecimal("120"), new BigDecimal("100")));
        assertEquals(
                new BigDecimal("0.8000"),
                ValueRule.attainment(Direction.LOWER_IS_BETTER, new BigDecimal("2.5"), new BigDecimal("2")));
        assertNull(ValueRule.attainment(Direction.LOWER_IS_BETTER, BigDecimal.ZERO, new BigDecimal("2")));
        assertNull(ValueRule.attainment(Direction.HIGHER_IS_BETTER, new BigDecimal("3"), null));
    }

    @Test
    void anAverageOverDaysIsTheSumOfTheirSumsOverTheSumOfTheirCountsNotTheMeanOfTheirAverages() {
        Aggregation average = new Aggregation.Measure(Aggregation.MeasureKind.AVERAGE, PAID, "amount", null);
        // Day 1: 100 over 1 item, day 2: 10 + 20 over 2 items → 130 / 3 = 43.33 (the mean of means would be 57.50).
        assertEquals(
                new BigDecimal("43.33"),
                ValueRule.value(average, new BigDecimal("130"), new BigDecimal("3"), null, null, 2));
        assertNull(ValueRule.value(average, BigDecimal.ZERO, BigDecimal.ZERO, null, null, 2));
    }

    @Test
    void aDurationAverageIsExpressedInItsUnitFromExactMilliseconds() {
        Aggregation hours = new Aggregation.PairedDuration(
                PAID,
                PAID,
                Aggregation.DurationStatistic.AVERAGE,
                null,
                null,
                Aggregation.DurationUnit.HOURS,
                null,
                null);
        // 3 durations summing to 10 h 30 min: 3.5 h.
        assertEquals(
                new BigDecimal("3.50"),
                ValueRule.value(hours, BigDecimal.valueOf(37_800_000L), BigDecimal.valueOf(3), null, null, 2));
    }

    @Test
    void holisticKindsDoNotAssembleFromDays() {
        assertFalse(ValueRule.assemblesFromDays(
                new Aggregation.Measure(Aggregation.MeasureKind.DISTINCT_COUNT, PAID, "payer", null)));
        assertFalse(ValueRule.assemblesFromDays(
                new Aggregation.Measure(Aggregation.MeasureKind.LAST, PAID, "amount", null)));
        assertFalse(ValueRule.assemblesFromDays(new Aggregation.PairedDuration(
                PAID, PAID, Aggregation.DurationStatistic.MEDIAN, null, null, null, null, null)));
        assertTrue(ValueRule.assemblesFromDays(new Aggregation.PairedDuration(
                PAID, PAID, Aggregation.DurationStatistic.SHARE_WITHIN, Duration.ofDays(1), null, null, null, null)));
        assertTrue(ValueRule.assemblesFromDays(
                new Aggregation.Measure(Aggregation.MeasureKind.MIN, PAID, "amount", null)));
    }
}
