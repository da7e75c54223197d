package io.kpipulse.scoring.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.Perspective;
import io.kpipulse.scoring.bonus.PayCalculator;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.rules.InverseRule;
import io.kpipulse.scoring.rules.LinearRule;
import io.kpipulse.scoring.rules.PassFailRule;
import io.kpipulse.scoring.rules.PerUnitRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The seed documents' worked examples, exactly. */
class SeedExamplesTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Quantity 20, on time 20, quality 30 (of error rate: none → all, 10% → 90%); manager 30. */
    static final Scorecard CLERK = new Scorecard(
            "claims-clerk",
            "Claims clerk",
            d("30"),
            List.of(
                    new ScorecardItem(
                            "task_quantity",
                            Perspective.INTERNAL_PROCESS,
                            d("20"),
                            new LinearRule(d("50"), null, null, null)),
                    new ScorecardItem(
                            "task_timeliness", Perspective.CUSTOMER, d("20"), new LinearRule(d("1"), null, null, null)),
                    new ScorecardItem(
                            "task_error_rate",
                            Perspective.INTERNAL_PROCESS,
                            d("30"),
                            new LinearRule(d("0"), d("1"), null, null))),
            null);

    static ManagerRating rating(String points) {
        return new ManagerRating("e", "2026-03", d(points), d("30"), "head", null);
    }

    @Test
    void clerkAScores93AndIsPaidBaseTimes93Percent() {
        CLERK.validate();
        ScoredCard a = ScoreCalculator.score(
                CLERK,
                Map.of("task_quantity", d("50"), "task_timeliness", d("0.9"), "task_error_rate", d("0")),
                Optional.of(rating("25")));
        assertEquals(
                List.of("20.00", "18.00", "30.00"),
                a.items().stream().map(i -> i.points().toPlainString()).toList());
        assertEquals("68.00", a.systemPoints().toPlainString());
        assertEquals("25.00", a.managerPoints().toPlainString());
        assertEquals("93.00", a.composite().toPlainString());
        assertEquals("EXCELLENT", a.rating());
        assertTrue(a.complete());
        // Performance pay = base × 93%: 8,000.00 × 0.93 = 7,440.00 exactly.
        assertEquals(
                "7440.00",
                PayCalculator.pay(d("8000.00"), a.composite(), null, Map.of())
                        .performancePay()
                        .toPlainString());
        assertEquals(
                "11618.46",
                PayCalculator.pay(d("12492.97"), a.composite(), null, Map.of())
                        .performancePay()
                        .toPlainString(),
                "12,492.97 × 0.93 = 11,618.4621 → 11,618.46");
    }

    @Test
    void clerkBScores75() {
        ScoredCard b = ScoreCalculator.score(
                CLERK,
                Map.of("task_quantity", d("40"), "task_timeliness", d("0.7"), "task_error_rate", d("0.1")),
                Optional.of(rating("18")));
        assertEquals(
                List.of("16.00", "14.00", "27.00"),
                b.items().stream().map(i -> i.points().toPlainString()).toList());
        assertEquals("57.00", b.systemPoints().toPlainString());
        assertEquals("18.00", b.managerPoints().toPlainString());
        assertEquals("75.00", b.composite().toPlainString());
        assertEquals("MEETS", b.rating());
    }

    @Test
    void hrOnboarding18Of20MeetsTheTargetAndEachPointAboveTheNewHireTargetAddsAPoint() {
        Scorecard hr = new Scorecard(
                "hr-recruiter",
                "HR recruiter",
                null,
                List.of(
                        new ScorecardItem(
                                "onboarding_rate",
                                Perspective.INTERNAL_PROCESS,
                                d("20"),
                                new PassFailRule(d("0.9"), null, null, null)),
                        new ScorecardItem(
                                "new_hire_100k_share",
                                Perspective.FINANCIAL,
                                d("30"),
                                new PerUnitRule(d("0.60"), d("0.01"), d("1"), d("20"), null, null, d("30"))),
                        new ScorecardItem(
                                "time_to_fill",
                                Perspective.INTERNAL_PROCESS,
                                d("20"),
                                new InverseRule(d("30"), null, null))),
                null);
        hr.validate();
        // 18 / 20 and 12 / 18 as the engine stores ratios (six decimals).
        ScoredCard s = ScoreCalculator.score(
                hr,
                Map.of("onboarding_rate", d("0.900000"), "new_hire_100k_share", d("0.666667"), "time_to_fill", d("30")),
                Optional.of(new ManagerRating("e", "2026-03", d("80"), null, "head", null)));
        assertEquals("20.00", s.items().get(0).points().toPlainString(), "90% meets the 90% onboarding target");
        assertEquals("26.00", s.items().get(1).points().toPlainString(), "67% is 6 full points above 60%: 20 + 6");
        assertEquals("20.00", s.items().get(2).points().toPlainString());
        assertEquals("24.00", s.managerPoints().toPlainString(), "80 of 100 × 30");
        assertEquals("90.00", s.composite().toPlainString());
    }

    @Test
    void anItemWithoutAValueScoresZeroAndIsFlagged() {
        ScoredCard s = ScoreCalculator.score(CLERK, Map.of("task_quantity", d("50")), Optional.empty());
        assertEquals("20.00", s.systemPoints().toPlainString());
        assertEquals(ItemScore.NO_DATA, s.items().get(1).status());
        assertEquals(List.of("NO_DATA:task_timeliness", "NO_DATA:task_error_rate", "NO_MANAGER_RATING"), s.warnings());
        assertEquals("20.00", s.composite().toPlainString());
    }

    @Test
    void weightsThatDoNotAddUpTo100WithTheManagerShareAreRefused() {
        Scorecard wrong = new Scorecard("c", "C", d("20"), CLERK.items(), null);
        var e = assertThrows(DefinitionException.class, wrong::validate);
        assertEquals("items[].weight", e.field());
        assertEquals("weights (70) and managerShare (20) must add up to 100", e.rule());
        assertEquals("30", CLERK.managerShare().toPlainString(), "default 30");
        assertEquals("70", CLERK.systemShare().toPlainString());
    }

    @Test
    void ratingsMustDescendAndStartAtZero() {
        var e = assertThrows(
                DefinitionException.class,
                () -> new Scorecard(
                                "c",
                                "C",
                                null,
                                CLERK.items(),
                                List.of(
                                        new RatingBand("A", d("80")),
                                        new RatingBand("B", d("90")),
                                        new RatingBand("C", d("0"))))
                        .validate());
        assertEquals("ratings[1].minScore", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> new Scorecard("c", "C", null, CLERK.items(), List.of(new RatingBand("A", d("50")))).validate());
        assertEquals("ratings[0].minScore", e.field());
    }

    @Test
    void aManagerRatingAboveItsScaleIsRefused() {
        var e = assertThrows(DefinitionException.class, () -> rating("31").validate());
        assertEquals("points", e.field());
    }
}
