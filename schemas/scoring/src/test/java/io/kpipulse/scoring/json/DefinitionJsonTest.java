package io.kpipulse.scoring.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.catalog.Perspective;
import io.kpipulse.scoring.bonus.BonusPlan;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.rules.DefinitionException;
import org.junit.jupiter.api.Test;

class DefinitionJsonTest {

    static final String CLERK = """
            {"templateId": "claims-clerk", "name": "Claims clerk", "managerShare": 30,
             "items": [
               {"indicator": "task_quantity", "weight": 20, "rule": {"type": "LINEAR", "target": 50}},
               {"indicator": "task_timeliness", "perspective": "CUSTOMER", "weight": "20",
                "rule": {"type": "BANDS", "bands": [
                   {"upper": 0.9, "upperInclusive": false, "points": 0},
                   {"lower": 0.9, "lowerInclusive": true, "points": 20}]}},
               {"indicator": "task_error_rate", "weight": 30.0,
                "rule": {"type": "LINEAR", "target": 0, "zeroAt": 1, "cap": 1.0}}]}
            """;

    @Test
    void aScorecardRoundTripsThroughItsJsonFormExactly() {
        Scorecard card = DefinitionJson.scorecard(DefinitionJson.tree(CLERK), id -> Perspective.INTERNAL_PROCESS);
        card.validate();
        assertEquals(Perspective.INTERNAL_PROCESS, card.items().get(0).perspective(), "from the catalog when absent");
        assertEquals(Perspective.CUSTOMER, card.items().get(1).perspective());
        String text = DefinitionJson.text(DefinitionJson.json(card));
        Scorecard again = DefinitionJson.scorecard(DefinitionJson.tree(text), id -> null);
        assertEquals(text, DefinitionJson.text(DefinitionJson.json(again)));
        assertEquals(card.items().get(1).rule(), again.items().get(1).rule());
    }

    @Test
    void decimalsNeverPassThroughBinaryFloatingPoint() {
        String json = CLERK.replace("\"target\": 50", "\"target\": 0.1000000000000000055511151231257827");
        Scorecard card = DefinitionJson.scorecard(DefinitionJson.tree(json), id -> Perspective.FINANCIAL);
        assertEquals(
                "0.1000000000000000055511151231257827",
                card.items().get(0).rule().target().toPlainString());
    }

    @Test
    void parseErrorsNameTheFieldByPath() {
        var e = assertThrows(
                DefinitionException.class,
                () -> DefinitionJson.scorecard(
                        DefinitionJson.tree(CLERK.replace("\"type\": \"BANDS\"", "\"type\": \"CURVE\"")), id -> null));
        assertEquals("items[1].rule.type", e.field());
        e = assertThrows(
                DefinitionException.class,
                () -> DefinitionJson.scorecard(
                        DefinitionJson.tree(CLERK.replace("\"weight\": 20,", "\"weight\": \"x\",")), id -> null));
        assertEquals("items[0].weight", e.field());
        e = assertThrows(DefinitionException.class, () -> DefinitionJson.tree("[1]"));
        assertEquals("body", e.field());
    }

    @Test
    void aBonusPlanRoundTrips() {
        String json = """
                {"departmentId": "d-finance", "components": [
                  {"type": "TIERS", "name": "payment time", "indicator": "claim_payment_time_median", "subject": "SELF",
                   "tiers": [{"upper": 24, "upperInclusive": true, "multiplier": 1.2},
                             {"lower": 24, "upper": 48, "upperInclusive": true, "multiplier": 1},
                             {"lower": 48, "multiplier": 0.8}]},
                  {"type": "CONDITION", "name": "claims", "indicator": "claim_cycle_time_avg", "subject": "DEPARTMENT",
                   "departmentId": "d-claims", "comparison": "LE", "threshold": 2, "missedMultiplier": 0.9},
                  {"type": "SHARE", "name": "sales", "indicator": "new_hire_sales_3m", "subject": "DEPARTMENT",
                   "departmentId": "d-sales", "share": 0.3, "target": 100000}]}
                """;
        BonusPlan plan = DefinitionJson.bonusPlan(DefinitionJson.tree(json));
        plan.validate();
        String text = DefinitionJson.text(DefinitionJson.json(plan));
        assertEquals(
                text, DefinitionJson.text(DefinitionJson.json(DefinitionJson.bonusPlan(DefinitionJson.tree(text)))));
        assertEquals(3, plan.components().size());
    }
}
