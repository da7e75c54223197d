package io.kpipulse.scoring.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.Direction;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScoringRulesTest {

    static final BigDecimal W20 = new BigDecimal("20");

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    static String points(ScoringRule rule, String value) {
        return rule.score(d(value), W20).points().toPlainString();
    }

    @Test
    void linearGivesTheFullWeightExactlyOnTargetAndProportionallyBelow() {
        LinearRule rule = new LinearRule(d("50"), null, null, null);
        rule.validate("rule", W20);
        assertEquals("20.00", points(rule, "50"));
        assertEquals("16.00", points(rule, "40"));
        assertEquals("0.00", points(rule, "0"));
        assertEquals("0.00", points(rule, "-5"), "a negative value never earns negative points");
    }

    @Test
    void linearOverDeliveryStopsAtTheCap() {
        LinearRule rule = new LinearRule(d("50"), null, d("1.2"), null);
        assertEquals("22.00", points(rule, "55"));
        assertEquals("24.00", points(rule, "60"), "exactly at the cap");
        assertEquals("24.00", points(rule, "100"), "beyond the cap");
        assertTrue(rule.score(d("100"), W20).why().contains("capped"));
        assertEquals("20.00", points(new LinearRule(d("50"), null, null, null), "100"), "default cap: the weight");
    }

    @Test
    void linearBelowTheFloorScoresNothingAndExactlyOnTheFloorScores() {
        LinearRule rule = new LinearRule(d("50"), null, null, d("0.6"));
        assertEquals("12.00", points(rule, "30"), "30/50 = 60%: on the floor");
        assertEquals("0.00", points(rule, "29.99"));
    }

    @Test
    void linearWithZeroAtAboveTargetIsLowerIsBetter() {
        // Error rate: target 0, nothing at 100% errors; 10% errors keeps 90%.
        LinearRule rule = new LinearRule(d("0"), d("1"), null, null);
        rule.validate("rule", d("30"));
        assertEquals("30.00", rule.score(d("0"), d("30")).points().toPlainString());
        assertEquals("27.00", rule.score(d("0.1"), d("30")).points().toPlainString());
        // Claim payment time in hours: 24 h target, nothing at 72 h; exactly 1 day is the full weight.
        LinearRule hours = new LinearRule(d("24"), d("72"), null, null);
        assertEquals("20.00", points(hours, "24"));
        assertEquals("10.00", points(hours, "48"));
        assertEquals("20.00", points(hours, "1"), "faster than target, capped at the weight");
    }

    @Test
    void linearRoundsPointsOnceHalfUpToTwoDecimals() {
        LinearRule rule = new LinearRule(d("3"), null, null, null);
        assertEquals("6.67", points(rule, "1"), "20 / 3 = 6.666…");
        assertEquals(
                "0.01",
                new LinearRule(d("200"), null, null, null)
                        .score(d("0.05"), d("50"))
                        .points()
                        .toPlainString(),
                "0.0125 rounds half up to 0.01");
        assertEquals(
                "0.13",
                new LinearRule(d("200"), null, null, null)
                        .score(d("0.5"), d("50"))
                        .points()
                        .toPlainString(),
                "0.125 rounds half up to 0.13");
    }

    @Test
    void linearRefusesALineWithoutSlopeAndACapBelowOne() {
        var e = assertThrows(
                DefinitionException.class,
                () -> new LinearRule(d("5"), d("5"), null, null).validate("items[0].rule", W20));
        assertEquals("items[0].rule.zeroAt", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> new LinearRule(d("5"), null, d("0.9"), null).validate("items[0].rule", W20));
        assertEquals("items[0].rule.cap", e.field());
        e = assertThrows(
                DefinitionException.class, () -> new LinearRule(null, null, null, null).validate("items[0].rule", W20));
        assertEquals("items[0].rule.target", e.field());
    }

    @Test
    void inverseIsTargetOverValueCappedAndAValueOfZeroIsTheCap() {
        InverseRule rule = new InverseRule(d("2"), d("1.5"), null);
        rule.validate("rule", W20);
        assertEquals("20.00", points(rule, "2"), "exactly on target");
        assertEquals("10.00", points(rule, "4"));
        assertEquals("30.00", points(rule, "1"), "2/1 = 200%, capped at 150%");
        assertEquals("30.00", points(rule, "0"), "no time at all: the cap, not a division by zero");
        assertEquals("0.00", points(new InverseRule(d("2"), null, d("0.5")), "4.01"), "below the floor");
        assertThrows(DefinitionException.class, () -> new InverseRule(d("0"), null, null).validate("r", W20));
    }

    @Test
    void passFailPassesExactlyAtTheThresholdInBothDirections() {
        PassFailRule higher = new PassFailRule(d("0.9"), null, null, null);
        higher.validate("rule", W20);
        assertEquals("20.00", points(higher, "0.9"));
        assertEquals("0.00", points(higher, "0.899999"));
        PassFailRule lower = new PassFailRule(d("1"), Direction.LOWER_IS_BETTER, d("15"), d("5"));
        lower.validate("rule", W20);
        assertEquals("15.00", points(lower, "1"), "exactly 1 day passes a ≤ 1 day rule");
        assertEquals("5.00", points(lower, "1.000001"));
        var e = assertThrows(
                DefinitionException.class,
                () -> new PassFailRule(d("1"), null, d("25"), null).validate("items[3].rule", W20));
        assertEquals("items[3].rule.passPoints", e.field());
    }

    @Test
    void perUnitCountsFullUnitsBeyondTargetBetweenMinAndMax() {
        PerUnitRule rule = new PerUnitRule(d("0.60"), d("0.01"), d("1"), d("20"), null, null, d("30"));
        rule.validate("rule", d("30"));
        assertEquals("20.00", points(rule, "0.60"), "exactly on target: the base");
        assertEquals("26.00", points(rule, "0.666667"), "12 of 18: 6 full points above");
        assertEquals("30.00", points(rule, "0.95"), "over-delivery stops at the max");
        assertEquals("15.00", points(rule, "0.55"), "5 points below");
        assertEquals("0.00", points(rule, "0.10"), "never below the min");
        PerUnitRule days = new PerUnitRule(d("2"), d("0.5"), d("2"), d("10"), Direction.LOWER_IS_BETTER, null, d("20"));
        assertEquals("14.00", points(days, "1"), "one day faster = two half-days × 2");
        assertEquals("8.00", points(days, "2.5"));
        var e = assertThrows(
                DefinitionException.class,
                () -> new PerUnitRule(d("1"), d("0"), d("1"), d("1"), null, null, d("2")).validate("r", W20));
        assertEquals("r.unit", e.field());
    }

    @Test
    void bandsScoreTheOneBandAValueFallsInWithExplicitBounds() {
        BandsRule rule = new BandsRule(new Bands(List.of(
                new Band(null, false, d("1"), true, d("20")),
                new Band(d("1"), false, d("2"), true, d("10")),
                new Band(d("2"), false, null, false, d("0")))));
        rule.validate("rule", W20);
        assertEquals("20.00", points(rule, "1"), "exactly 1 day is in the first band (inclusive)");
        assertEquals("10.00", points(rule, "1.000001"));
        assertEquals("10.00", points(rule, "2"));
        assertEquals("0.00", points(rule, "2.01"));
        assertEquals("20.00", points(rule, "-100"));
    }

    @Test
    void bandsWithAGapOrAnOverlapAreRefusedNamingTheBand() {
        var gap = new Bands(
                List.of(new Band(null, false, d("1"), false, d("1")), new Band(d("1"), false, null, false, d("0"))));
        var e = assertThrows(DefinitionException.class, () -> gap.validate("items[0].rule.bands"));
        assertEquals("items[0].rule.bands[1].lower", e.field());
        assertTrue(e.rule().contains("gap at 1"), e.rule());
        var overlap = new Bands(
                List.of(new Band(null, false, d("1"), true, d("1")), new Band(d("1"), true, null, false, d("0"))));
        e = assertThrows(DefinitionException.class, () -> overlap.validate("b"));
        assertTrue(e.rule().contains("overlap at 1"), e.rule());
        var apart = new Bands(
                List.of(new Band(null, false, d("1"), true, d("1")), new Band(d("2"), false, null, false, d("0"))));
        e = assertThrows(DefinitionException.class, () -> apart.validate("b"));
        assertTrue(e.rule().startsWith("gap between"), e.rule());
        var crossing = new Bands(
                List.of(new Band(null, false, d("3"), true, d("1")), new Band(d("2"), false, null, false, d("0"))));
        e = assertThrows(DefinitionException.class, () -> crossing.validate("b"));
        assertTrue(e.rule().startsWith("overlap between"), e.rule());
        var openTop = new Bands(List.of(new Band(null, false, d("1"), true, d("1"))));
        e = assertThrows(DefinitionException.class, () -> openTop.validate("b"));
        assertEquals("b[0].upper", e.field());
        var closedBottom = new Bands(List.of(new Band(d("0"), true, null, false, d("1"))));
        e = assertThrows(DefinitionException.class, () -> closedBottom.validate("b"));
        assertEquals("b[0].lower", e.field());
    }

    @Test
    void bandPointsAboveTheWeightAreRefused() {
        BandsRule rule = new BandsRule(new Bands(List.of(new Band(null, false, null, false, d("21")))));
        var e = assertThrows(DefinitionException.class, () -> rule.validate("items[0].rule", W20));
        assertEquals("items[0].rule.bands[0].points", e.field());
    }
}
