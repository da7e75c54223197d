package io.kpipulse.scoring.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.Perspective;
import io.kpipulse.scoring.rules.Band;
import io.kpipulse.scoring.rules.Bands;
import io.kpipulse.scoring.rules.BandsRule;
import io.kpipulse.scoring.rules.InverseRule;
import io.kpipulse.scoring.rules.LinearRule;
import io.kpipulse.scoring.rules.PassFailRule;
import io.kpipulse.scoring.rules.PerUnitRule;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The one documented outcome of an empty window (nothing counted: no value) and of a zero denominator (a value
 * of null) for every rule type: 0 points, status NO_DATA, a warning naming the indicator — never NaN, never an
 * exception — and the same rules exactly on target and at exactly 1 day.
 */
class EmptyWindowTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    /** Five items, one per rule type, 14 points each (70 with the manager's 30). */
    private static Scorecard card() {
        BigDecimal w = d("14");
        Scorecard card = new Scorecard(
                "every-rule",
                "Every rule",
                null,
                List.of(
                        new ScorecardItem(
                                "a_linear", Perspective.FINANCIAL, w, new LinearRule(d("50"), null, d("1.2"), null)),
                        new ScorecardItem(
                                "b_inverse", Perspective.CUSTOMER, w, new InverseRule(d("1"), d("1.5"), null)),
                        new ScorecardItem(
                                "c_bands",
                                Perspective.INTERNAL_PROCESS,
                                w,
                                new BandsRule(new Bands(List.of(
                                        new Band(null, false, d("1"), true, d("14")),
                                        new Band(d("1"), false, null, false, d("7")))))),
                        new ScorecardItem(
                                "d_pass_fail",
                                Perspective.INTERNAL_PROCESS,
                                w,
                                new PassFailRule(d("1"), Direction.LOWER_IS_BETTER, d("14"), d("0"))),
                        new ScorecardItem(
                                "e_per_unit",
                                Perspective.LEARNING_AND_GROWTH,
                                w,
                                new PerUnitRule(d("0.9"), d("0.01"), d("1"), d("10"), null, null, d("14")))),
                null);
        card.validate();
        return card;
    }

    @Test
    void anEmptyWindowAndAZeroDenominatorScoreZeroWithNoDataForEveryRuleType() {
        Map<String, BigDecimal> zeroDenominators = new HashMap<>();
        for (String id : List.of("a_linear", "b_inverse", "c_bands", "d_pass_fail", "e_per_unit")) {
            zeroDenominators.put(id, null);
        }
        for (Map<String, BigDecimal> values : List.of(Map.<String, BigDecimal>of(), zeroDenominators)) {
            ScoredCard scored = ScoreCalculator.score(card(), values, Optional.empty());
            for (ItemScore item : scored.items()) {
                assertEquals(d("0.00"), item.points(), item.indicatorId());
                assertEquals(ItemScore.NO_DATA, item.status(), item.indicatorId());
            }
            assertEquals(d("0.00"), scored.composite());
            assertEquals(
                    List.of(
                            "NO_DATA:a_linear",
                            "NO_DATA:b_inverse",
                            "NO_DATA:c_bands",
                            "NO_DATA:d_pass_fail",
                            "NO_DATA:e_per_unit",
                            "NO_MANAGER_RATING"),
                    scored.warnings());
        }
    }

    @Test
    void exactlyOnTargetAndExactlyOneDayEarnTheFullWeightAndOverDeliveryStopsAtEachCap() {
        ScoredCard onTarget = ScoreCalculator.score(
                card(),
                Map.of(
                        "a_linear",
                        d("50"),
                        "b_inverse",
                        d("1"),
                        "c_bands",
                        d("1"),
                        "d_pass_fail",
                        d("1"),
                        "e_per_unit",
                        d("0.9")),
                Optional.of(new ManagerRating("e-1", "2026-03", d("30"), d("30"), "m", null)));
        // 14 + 14 + 14 (1 day is in the ≤ 1 band) + 14 (≤ 1 day passes) + 10 (the per-unit base) + 30.
        assertEquals(
                List.of(d("14.00"), d("14.00"), d("14.00"), d("14.00"), d("10.00")),
                onTarget.items().stream().map(ItemScore::points).toList());
        assertEquals(d("96.00"), onTarget.composite());
        ScoredCard over = ScoreCalculator.score(
                card(),
                Map.of(
                        "a_linear",
                        d("500"),
                        "b_inverse",
                        d("0"),
                        "c_bands",
                        d("0"),
                        "d_pass_fail",
                        d("0"),
                        "e_per_unit",
                        d("1")),
                Optional.empty());
        // Linear capped at 120% (16.80); inverse at 150% (21.00, a zero time is the cap, not a division by 0);
        // per unit: 10 points above the base but at most 14.
        assertEquals(
                List.of(d("16.80"), d("21.00"), d("14.00"), d("14.00"), d("14.00")),
                over.items().stream().map(ItemScore::points).toList());
    }
}
