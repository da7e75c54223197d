package io.kpipulse.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ScoreBookTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final String T = ScoringSeed.TENANT;
    static final Period MARCH = Period.parse("2026-03");
    static final LocalDate TODAY = LocalDate.of(2026, 4, 2);

    static final String CLERK = """
            {"templateId": "claims-clerk", "name": "Claims clerk", "managerShare": 30, "items": [
              {"indicator": "task_quantity", "perspective": "INTERNAL_PROCESS", "weight": 20, "rule": {"type": "LINEAR", "target": 50}},
              {"indicator": "task_timeliness", "perspective": "CUSTOMER", "weight": 20, "rule": {"type": "LINEAR", "target": 1}},
              {"indicator": "task_error_rate", "perspective": "INTERNAL_PROCESS", "weight": 30,
               "rule": {"type": "LINEAR", "target": 0, "zeroAt": 1}}]}
            """;
    /** The same card from 03-15 with quantity worth less: March keeps the version in force on 03-01. */
    static final String CLERK_MID_MARCH = CLERK.replace(
                    "\"weight\": 20, \"rule\": {\"type\": \"LINEAR\", \"target\": 50}",
                    "\"weight\": 10, \"rule\": {\"type\": \"LINEAR\", \"target\": 50}")
            .replace("\"weight\": 30,", "\"weight\": 40,");

    static final String FINANCE = """
            {"templateId": "finance", "name": "Finance", "items": [
              {"indicator": "reimbursement_within_1wd", "perspective": "INTERNAL_PROCESS", "weight": 70,
               "rule": {"type": "LINEAR", "target": 1}}]}
            """;
    static final String FINANCE_PLAN = """
            {"departmentId": "d-finance", "components": [
              {"type": "SHARE", "name": "sales", "indicator": "new_hire_sales_3m", "subject": "DEPARTMENT",
               "departmentId": "d-sales", "share": 0.3, "target": 100000},
              {"type": "CONDITION", "name": "claims", "indicator": "claim_cycle_time_avg", "subject": "DEPARTMENT",
               "departmentId": "d-claims", "comparison": "LE", "threshold": 2, "missedMultiplier": 0.9},
              {"type": "TIERS", "name": "payment time", "indicator": "claim_payment_time_median", "subject": "SELF",
               "tiers": [{"upper": 24, "upperInclusive": true, "multiplier": 1.2},
                         {"lower": 24, "upper": 48, "upperInclusive": true, "multiplier": 1},
                         {"lower": 48, "multiplier": 0.8}]}]}
            """;

    static ScoreBook book;

    @BeforeAll
    static void seed() throws Exception {
        Connections connections = ScoringSeed.create(CLICKHOUSE, "scorebook");
        ScoringStore store =
                new ScoringStore(connections, Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC));
        store.saveTemplate(
                T, DefinitionJson.scorecard(DefinitionJson.tree(CLERK), id -> null), LocalDate.of(2026, 1, 1), "hr");
        store.saveTemplate(
                T,
                DefinitionJson.scorecard(DefinitionJson.tree(CLERK_MID_MARCH), id -> null),
                LocalDate.of(2026, 3, 15),
                "hr");
        store.saveTemplate(
                T, DefinitionJson.scorecard(DefinitionJson.tree(FINANCE), id -> null), LocalDate.of(2026, 1, 1), "hr");
        store.assign(
                T, AssignmentTarget.POSITION, List.of("Claims Clerk"), "claims-clerk", LocalDate.of(2026, 1, 1), "hr");
        store.assign(T, AssignmentTarget.DEPARTMENT, List.of("d-finance"), "finance", LocalDate.of(2026, 1, 1), "hr");
        store.savePlan(T, DefinitionJson.bonusPlan(DefinitionJson.tree(FINANCE_PLAN)), LocalDate.of(2026, 1, 1), "hr");
        store.rate(T, new ManagerRating("a-1", "2026-03", new BigDecimal("20"), new BigDecimal("30"), "head", null));
        store.rate(T, new ManagerRating("a-1", "2026-03", new BigDecimal("25"), new BigDecimal("30"), "head", null));
        store.rate(T, new ManagerRating("b-1", "2026-03", new BigDecimal("18"), new BigDecimal("30"), "head", null));
        store.rate(T, new ManagerRating("f-1", "2026-03", new BigDecimal("100"), null, "head", null));
        book = new ScoreBook(
                new IndicatorValueReader(connections, ValueReadStrategy.FINAL, CatalogYaml::templateLibrary),
                new OrgReader(connections),
                store);
    }

    static Map<String, EmployeeResult> byId(List<EmployeeResult> results) {
        return results.stream().collect(Collectors.toMap(EmployeeResult::employeeId, r -> r));
    }

    @Test
    void clerksAreScoredFromTheReaderAsTheSeedExamplesSay() {
        Map<String, EmployeeResult> r = byId(book.department(T, ZONE, MARCH, TODAY, "d-claims"));
        assertEquals(2, r.size());
        EmployeeResult a = r.get("a-1");
        assertEquals("93.00", a.card().composite().toPlainString());
        assertEquals("25.00", a.card().managerPoints().toPlainString(), "the newest rating counts");
        assertEquals("7440.00", a.pay().performancePay().toPlainString(), "8,000 × 93%");
        assertEquals(LocalDate.of(2026, 1, 1), a.templateEffectiveFrom(), "the version in force on 03-01");
        EmployeeResult b = r.get("b-1");
        assertEquals("57.00", b.card().systemPoints().toPlainString());
        assertEquals("75.00", b.card().composite().toPlainString());
        assertEquals("4500.00", b.pay().performancePay().toPlainString(), "6,000 × 75%");
        assertEquals(LocalDate.of(2026, 3, 31), a.asOf());
    }

    @Test
    void aVersionEffectiveMidMarchScoresAprilNotMarch() {
        EmployeeResult april = book.employee(T, ZONE, Period.parse("2026-04"), LocalDate.of(2026, 4, 2), "a-1")
                .orElseThrow();
        assertEquals(LocalDate.of(2026, 3, 15), april.templateEffectiveFrom());
        assertEquals("10", april.card().items().get(0).weight().toPlainString());
        assertEquals(
                List.of(
                        "NO_DATA:task_quantity",
                        "NO_DATA:task_timeliness",
                        "NO_DATA:task_error_rate",
                        "NO_MANAGER_RATING"),
                april.card().warnings(),
                "no April values yet: zero points, flagged");
        assertEquals("0.00", april.card().composite().toPlainString());
    }

    @Test
    void financesPayFollowsItsTiersClaimsConditionAndSalesShare() {
        EmployeeResult f = book.employee(T, ZONE, MARCH, TODAY, "f-1").orElseThrow();
        assertEquals("56.00", f.card().systemPoints().toPlainString());
        assertEquals("86.00", f.card().composite().toPlainString());
        assertEquals("d-finance", f.bonusPlanDepartment());
        // 10,000 × 0.86 × 1.20 (20 h ≤ 24 h) × 0.90 (claims 2.5 > 2 days) × 0.94 (sales 80% of 30%)
        assertEquals("8730.72", f.pay().performancePay().toPlainString());
        assertEquals(
                List.of("TIERS", "CONDITION", "SHARE"),
                f.pay().multipliers().stream().map(m -> m.kind()).toList());
    }

    @Test
    void anEmployeeWithoutAnAssignmentHasNoScorecardAndTheOtherTenantNeverShows() {
        Map<String, EmployeeResult> all = byId(book.all(T, ZONE, MARCH, TODAY));
        assertEquals(
                List.of("a-1", "b-1", "f-1", "s-1"),
                all.keySet().stream().sorted().toList());
        assertEquals(EmployeeResult.NO_SCORECARD, all.get("s-1").status());
        assertTrue(book.employee(T, ZONE, MARCH, TODAY, "nobody").isEmpty());
        assertEquals("93.00", all.get("a-1").card().composite().toPlainString());
    }
}
