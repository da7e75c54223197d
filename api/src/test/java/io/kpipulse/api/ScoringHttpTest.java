package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.auth.Role;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scoring routes over real HTTP and ClickHouse: HR saves a scorecard and a bonus plan and assigns the card
 * to a department in one call, a department head rates, and the scored cards, score table and bonus sheet
 * equal figures computed by hand from the seeded values (claim_cycle_time_avg, March to date: c-1 2.5 days,
 * c-2 0.75 days). The org in ClickHouse: d-root ─ d-claims (c-1, c-2; base pay 10,000.00 and 9,000.00); scope
 * comes from the test org of {@link SecuredApi} (h-1 heads d-claims from 03-10; today is 03-20).
 */
class ScoringHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String BASE = SecuredApi.BASE + "/scoring";
    static final String START = "'2026-02-28 16:00:00.000'";

    static final String CARD = """
            {"effectiveFrom": "2026-03-01", "template": {"templateId": "claims-handler", "name": "Claims handler",
             "managerShare": 30, "items": [{"indicator": "claim_cycle_time_avg", "weight": 70,
               "rule": {"type": "INVERSE", "target": 2}}]}}
            """;
    static final String PLAN = """
            {"effectiveFrom": "2026-03-01", "plan": {"departmentId": "d-claims", "components": [
              {"type": "TIERS", "name": "cycle time", "indicator": "claim_cycle_time_avg", "subject": "SELF",
               "tiers": [{"upper": 1, "upperInclusive": true, "multiplier": "1.20"},
                         {"lower": 1, "upper": 2, "upperInclusive": true, "multiplier": "1.00"},
                         {"lower": 2, "multiplier": "0.80"}]}]}}
            """;

    static SecuredApi api;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "scoring_http"));
        try (Connection c = api.seeded.connector().open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES"
                    + "('t-acme','d-root'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                    + "('t-acme','d-claims'," + START
                    + ",'CREATED','理赔部','d-root','FRONT_LINE','PC_CLAIMS','ev-d2',2)");
            s.execute("INSERT INTO org_employee_lines VALUES"
                    + "('t-acme','c-1'," + START + ",'HIRED','d-claims','Claims Handler','','2024-01-02','ev-h1',10),"
                    + "('t-acme','c-2'," + START + ",'HIRED','d-claims','Claims Handler','','2024-01-02','ev-h2',11)");
            s.execute("INSERT INTO org_employee_personal VALUES"
                    + "('t-acme','c-1'," + START + ",'周一',10000.00,'2024-01-02','ev-h1',10),"
                    + "('t-acme','c-2'," + START + ",'吴二',9000.00,'2024-01-02','ev-h2',11)");
        }
        services = api.services(b -> b);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    SecuredApi.Answer post(io.javalin.testtools.HttpClient client, String path, String body, Role role)
            throws java.io.IOException {
        return SecuredApi.send(client, "POST", BASE + path, body, "Authorization", api.bearer(SecuredApi.TENANT, role));
    }

    SecuredApi.Answer get(io.javalin.testtools.HttpClient client, String path, Role role) throws java.io.IOException {
        return SecuredApi.get(client, BASE + path, api.bearer(SecuredApi.TENANT, role));
    }

    static BigDecimal d(JsonNode n) {
        return new BigDecimal(n.asText());
    }

    @Test
    void hrDefinesAssignsAndRatesAndTheScoresAndPayAreThoseComputedByHand() {
        SecuredApi.withApp(services, (app, client) -> {
            post(client, "/templates", CARD, Role.HR).expect(201);
            JsonNode assigned = post(
                            client,
                            "/assignments",
                            "{\"templateId\": \"claims-handler\", \"effectiveFrom\": \"2026-03-01\","
                                    + " \"targetType\": \"DEPARTMENT\", \"targetIds\": [\"d-claims\"]}",
                            Role.HR)
                    .expect(201)
                    .json();
            assertEquals(2, assigned.get("employeesCovered").asInt());
            post(client, "/bonus-plans", PLAN, Role.ADMINISTRATOR).expect(201);
            post(
                            client,
                            "/employees/c-1/ratings",
                            "{\"period\": \"2026-03\", \"points\": 25, \"outOf\": 30}",
                            Role.DEPARTMENT_HEAD)
                    .expect(201);

            // c-1: 70 × 2 / 2.5 = 56.00; manager 25 of 30 × 30 = 25.00; composite 81.00;
            // pay 10,000.00 × 81% × 0.80 (2.5 days > 2) = 6,480.00.
            JsonNode c1 = get(client, "/employees/c-1/scorecard?period=2026-03", Role.HR)
                    .expect(200)
                    .json();
            JsonNode card = c1.get("result").get("card");
            assertEquals("周一", c1.get("name").asText());
            assertEquals("56.00", card.get("items").get(0).get("points").asText());
            assertEquals(
                    "2.5",
                    new BigDecimal(card.get("items").get(0).get("value").asText())
                            .stripTrailingZeros()
                            .toPlainString());
            assertEquals("INVERSE", card.get("items").get(0).get("rule").asText());
            assertTrue(card.get("items").get(0).get("why").asText().contains("target 2 / value 2.5"));
            assertEquals("81.00", card.get("composite").asText());
            assertEquals("GOOD", card.get("rating").asText());
            assertEquals(
                    "6480.00", c1.get("result").get("pay").get("performancePay").asText());

            // c-2: 2 / 0.75 capped at 1 → 70.00; no rating yet → 0; pay 9,000.00 × 70% × 1.20 = 7,560.00.
            JsonNode table = get(client, "/departments/d-claims/scores?period=2026-03", Role.DEPARTMENT_HEAD)
                    .expect(200)
                    .json();
            assertEquals(2, table.get("employees").size());
            JsonNode c2 = table.get("employees").get(1).get("result");
            assertEquals("70.00", c2.get("card").get("composite").asText());
            assertEquals(
                    "NO_MANAGER_RATING", c2.get("card").get("warnings").get(0).asText());
            JsonNode distribution = table.get("distribution");
            assertEquals("75.50", distribution.get("mean").asText(), "(81 + 70) / 2");
            assertEquals("5.50", distribution.get("stdDev").asText());

            JsonNode bonus = get(client, "/departments/d-claims/bonus?period=2026-03", Role.EXECUTIVE)
                    .expect(200)
                    .json();
            assertEquals(
                    "7560.00",
                    bonus.get("employees").get(1).get("performancePay").asText());
            assertEquals("14040.00", bonus.get("totalPerformancePay").asText());
            assertEquals("19000.00", bonus.get("totalBasePay").asText());
            assertTrue(api.auditCount("scoring.assignment.save", "SUCCESS", null) >= 1);
            assertTrue(api.auditCount("scoring.rating.save", "SUCCESS", null) >= 1);
            assertTrue(api.auditCount("scoring.bonus-plan.save", "SUCCESS", null) >= 1);
        });
    }

    @Test
    void anInvalidTemplateIsRefusedWholeNamingTheFieldAndTheVersionInForceStays() {
        SecuredApi.withApp(services, (app, client) -> {
            post(client, "/templates", CARD.replace("claims-handler", "refused"), Role.HR)
                    .expect(201);
            String bad = CARD.replace("claims-handler", "refused").replace("\"weight\": 70", "\"weight\": 60");
            JsonNode error =
                    post(client, "/templates", bad, Role.HR).expect(400).json().get("error");
            assertEquals("INVALID_DEFINITION", error.get("code").asText());
            assertEquals(
                    "items[].weight: weights (60) and managerShare (30) must add up to 100",
                    error.get("message").asText());
            String gap = CARD.replace("claims-handler", "refused")
                    .replace(
                            "{\"type\": \"INVERSE\", \"target\": 2}",
                            "{\"type\": \"BANDS\", \"bands\": ["
                                    + "{\"upper\": 1, \"upperInclusive\": false, \"points\": 70},"
                                    + "{\"lower\": 1, \"lowerInclusive\": false, \"points\": 0}]}");
            error = post(client, "/templates", gap, Role.HR).expect(400).json().get("error");
            assertEquals(
                    "items[0].rule.bands[1].lower: gap at 1: neither band includes it",
                    error.get("message").asText());
            JsonNode versions = get(client, "/templates/refused/versions", Role.AUDITOR)
                    .expect(200)
                    .json();
            assertEquals(1, versions.get("versions").size(), "nothing half-saved");
            assertEquals(
                    "70",
                    versions.get("versions")
                            .get(0)
                            .get("definition")
                            .get("items")
                            .get(0)
                            .get("weight")
                            .asText());
            assertTrue(api.auditCount("scoring.template.save", "FAILURE", null) >= 2);
        });
    }

    @Test
    void scopeDecidesWhoReadsAndWhoRates() {
        SecuredApi.withApp(services, (app, client) -> {
            // An employee (e-1) reads only their own scorecard; c-1's is another person's.
            get(client, "/employees/c-1/scorecard?period=2026-03", Role.EMPLOYEE)
                    .expect(403);
            // h-1 heads d-claims since 03-10, not d-sales any more, and never rates themselves.
            post(client, "/employees/e-1/ratings", "{\"period\": \"2026-03\", \"points\": 90}", Role.DEPARTMENT_HEAD)
                    .expect(403);
            post(client, "/employees/h-1/ratings", "{\"period\": \"2026-03\", \"points\": 90}", Role.DEPARTMENT_HEAD)
                    .expect(403);
            JsonNode error = post(
                            client,
                            "/employees/c-2/ratings",
                            "{\"period\": \"2026-03\", \"points\": 31, \"outOf\": 30}",
                            Role.HR)
                    .expect(400)
                    .json()
                    .get("error");
            assertEquals(
                    "points: must be between 0 and outOf (30)",
                    error.get("message").asText());
            get(client, "/departments/d-claims/scores?period=2026-13", Role.HR).expect(400);
            get(client, "/departments/d-nowhere/scores?period=2026-03", Role.HR).expect(404);
        });
    }
}
