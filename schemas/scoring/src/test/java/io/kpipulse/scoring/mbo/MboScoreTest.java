package io.kpipulse.scoring.mbo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.scoring.rules.DefinitionException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** MBO: weighted objectives, live key results and manager-entered attainment, capped over-delivery. */
class MboScoreTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static ObjectiveSet set(BigDecimal cap, Objective... objectives) {
        return new ObjectiveSet(SubjectType.EMPLOYEE, "e-1", "2026-03", cap, List.of(objectives));
    }

    private static Direction direction(String indicator) {
        return indicator.equals("claim_cycle_time_avg") ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER;
    }

    @Test
    void exactlyOnTargetEarnsTheWeightAndOverDeliveryStopsAtTheCap() {
        ObjectiveSet s = set(
                null,
                new Objective(
                        "o-1",
                        "Premium",
                        d("40"),
                        "c-1",
                        new Objective.KeyResult("new_policy_premium", d("50000")),
                        null),
                new Objective(
                        "o-2", "Policies", d("30"), null, new Objective.KeyResult("policies_issued", d("10")), null),
                new Objective(
                        "o-3",
                        "Cycle time",
                        d("20"),
                        null,
                        new Objective.KeyResult("claim_cycle_time_avg", d("2")),
                        null),
                new Objective("o-4", "Coach two juniors", d("10"), null, null, d("50")));
        s.validate();
        ObjectiveProgress p = MboScore.score(
                s,
                Map.of("new_policy_premium", d("50000"), "policies_issued", d("15"), "claim_cycle_time_avg", d("1")),
                MboScoreTest::direction);
        // 40 × 100% = 40; 30 × min(150%, 120%) = 36; 20 × min(2/1 = 200%, 120%) = 24; 10 × 50% = 5.
        assertEquals(
                List.of(d("40.00"), d("36.00"), d("24.00"), d("5.00")),
                p.objectives().stream().map(ObjectiveProgress.Line::points).toList());
        assertEquals(d("105.00"), p.points());
        assertEquals(ObjectiveProgress.Source.MANAGER, p.objectives().get(3).source());
    }

    @Test
    void noValueInTheWindowAndAnAttainmentNotEnteredEarnNothingAndAZeroTimeReachesTheCap() {
        ObjectiveSet s = set(
                d("100"),
                new Objective(
                        "o-1", "Premium", d("50"), null, new Objective.KeyResult("new_policy_premium", d("1")), null),
                new Objective(
                        "o-2", "Cycle", d("25"), null, new Objective.KeyResult("claim_cycle_time_avg", d("1")), null),
                new Objective("o-3", "Project", d("25"), null, null, null));
        s.validate();
        ObjectiveProgress p = MboScore.score(s, Map.of("claim_cycle_time_avg", d("0")), MboScoreTest::direction);
        assertEquals(ObjectiveProgress.Source.NO_VALUE, p.objectives().get(0).source());
        assertEquals(d("25.00"), p.objectives().get(1).points(), "0 days against ≤ 1 day: the cap, no division by 0");
        assertEquals(ObjectiveProgress.Source.NOT_ENTERED, p.objectives().get(2).source());
        assertEquals(d("25.00"), p.points());
        // Exactly 1 day against a 1-day target: 100%.
        assertEquals(
                d("25.00"),
                MboScore.score(s, Map.of("claim_cycle_time_avg", d("1")), MboScoreTest::direction)
                        .objectives()
                        .get(1)
                        .points());
    }

    @Test
    void anInvalidSetIsRefusedWholeNamingTheField() {
        Objective a = new Objective("o-1", "A", d("60"), null, null, d("10"));
        Objective b = new Objective("o-2", "B", d("30"), null, null, null);
        var e = assertThrows(DefinitionException.class, () -> set(null, a, b).validate());
        assertEquals("objectives", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> set(null, a, new Objective("o-1", "B", d("40"), null, null, null))
                        .validate());
        assertEquals("objectives[1].objectiveId", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> set(null, a, new Objective("o-2", "B", d("40"), null, null, d("200.01")))
                        .validate());
        assertEquals("objectives[1].attainment", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> set(
                                null,
                                a,
                                new Objective("o-2", "B", d("40"), null, new Objective.KeyResult("x", d("1")), d("5")))
                        .validate());
        assertEquals("objectives[1]", e.field());
        e = assertThrows(DefinitionException.class, () -> set(d("99"), a).validate());
        assertEquals("cap", e.field());
    }
}
