package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.docs.ApiDocs;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * MBO objectives and 360° reviews over real HTTP and ClickHouse, every answer checked against its schema in
 * openapi.yaml as a closed object. The org in ClickHouse: d-root ─ d-claims, headed by h-1 (c-1 … c-4 report
 * to h-1); scope comes from the test org of {@link SecuredApi} (h-1 heads d-claims from 03-10; today 03-20).
 * Seeded value: c-1's claim_cycle_time_avg March to date is 2.5 days (target of the key result: 2).
 */
class ReviewHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String BASE = SecuredApi.BASE + "/scoring";
    static final String START = "'2026-02-28 16:00:00.000'";
    static final String COMPANY_GOALS = """
            {"objectives": [{"objectiveId": "co-1", "title": "Faster claims", "weight": 100, "attainment": 90}]}
            """;
    static final String C1_GOALS = """
            {"cap": 120, "objectives": [
              {"objectiveId": "c1-1", "title": "Cycle time to 2 days", "weight": 60, "parentObjectiveId": "co-1",
               "keyResult": {"indicator": "claim_cycle_time_avg", "target": 2}},
              {"objectiveId": "c1-2", "title": "Mentor a new handler", "weight": 40, "attainment": 150}]}
            """;

    static SecuredApi api;
    static ApiServices services;
    static SchemaCheck schemas;
    static Map<String, Object> document;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "review_http"));
        try (Connection c = api.seeded.connector().open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES"
                    + "('t-acme','d-root'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                    + "('t-acme','d-claims'," + START
                    + ",'CREATED','理赔部','d-root','FRONT_LINE','PC_CLAIMS','ev-d2',2)");
            List<String> lines = new ArrayList<>();
            lines.add("('t-acme','h-1'," + START + ",'HIRED','d-claims','Head','','2020-01-02','ev-h0',9)");
            for (int i = 1; i <= 4; i++) {
                lines.add("('t-acme','c-" + i + "'," + START + ",'HIRED','d-claims','Handler','h-1','2024-01-02','ev-h"
                        + i + "'," + (9 + i) + ")");
            }
            s.execute("INSERT INTO org_employee_lines VALUES " + String.join(",", lines));
        }
        services = api.services(b -> b);
        document = ApiDocs.document();
        schemas = new SchemaCheck(document);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    static String person(String employeeId, Role role) {
        return api.tokens.bearer(SecuredApi.TENANT, employeeId, role);
    }

    static SecuredApi.Answer send(
            io.javalin.testtools.HttpClient client, String method, String path, String body, String bearer)
            throws java.io.IOException {
        return SecuredApi.send(client, method, BASE + path, body, "Authorization", bearer);
    }

    /** The answer against the schema the document gives its status, as a closed object. */
    @SuppressWarnings("unchecked")
    static void documented(String method, String route, SecuredApi.Answer answer) throws java.io.IOException {
        Map<String, Object> paths = (Map<String, Object>) document.get("paths");
        Map<String, Object> operation =
                (Map<String, Object>) ((Map<String, Object>) paths.get(route)).get(method.toLowerCase());
        Map<String, Object> response = (Map<String, Object>)
                ((Map<String, Object>) operation.get("responses")).get(Integer.toString(answer.status()));
        assertTrue(response != null, route + " does not document " + answer.status());
        Object schema = ((Map<String, Object>)
                ((Map<String, Object>) ((Map<String, Object>) response.get("content")).get("application/json"))
                        .get("schema"));
        List<String> problems = schemas.check(schema, answer.json(), method + " " + route);
        assertEquals(List.of(), problems);
    }

    @Test
    void aManagerSetsCascadedObjectivesAndTheirProgressFollowsTheIndicatorAndTheEnteredAttainment() {
        String objectives = "/api/v1/tenants/{tenant}/scoring/subjects/{subjectType}/{subjectId}/objectives";
        SecuredApi.withApp(services, (app, client) -> {
            String hr = api.bearer(SecuredApi.TENANT, Role.HR);
            String head = api.bearer(SecuredApi.TENANT, Role.DEPARTMENT_HEAD);
            var company = send(
                            client, "PUT", "/subjects/DEPARTMENT/d-root/objectives?period=2026-03", COMPANY_GOALS, hr)
                    .expect(201);
            documented("PUT", objectives, company);
            // A parent that no department above has is refused whole, naming the field.
            var refused = send(
                            client,
                            "PUT",
                            "/subjects/EMPLOYEE/c-1/objectives?period=2026-03",
                            C1_GOALS.replace("co-1", "co-9"),
                            head)
                    .expect(400);
            assertTrue(refused.body().contains("objectives[0].parentObjectiveId"), refused.body());
            var saved = send(client, "PUT", "/subjects/EMPLOYEE/c-1/objectives?period=2026-03", C1_GOALS, head)
                    .expect(201);
            documented("PUT", objectives, saved);
            var read = send(client, "GET", "/subjects/EMPLOYEE/c-1/objectives?period=2026-03", null, hr)
                    .expect(200);
            documented("GET", objectives, read);
            JsonNode body = read.json();
            // c1-1: lower is better, 2 / 2.5 = 80% of 60 = 48.00; c1-2: 150% entered, capped at 120% of 40 = 48.00.
            assertEquals(
                    "80.00", body.get("objectives").get(0).get("attainment").asText());
            assertEquals("48.00", body.get("objectives").get(0).get("points").asText());
            assertEquals(
                    "INDICATOR", body.get("objectives").get(0).get("source").asText());
            assertEquals("120", body.get("objectives").get(1).get("attainment").asText());
            assertEquals("MANAGER", body.get("objectives").get(1).get("source").asText());
            assertEquals("96.00", body.get("points").asText());
            // Nobody sets their own objectives; an employee outside the scope cannot read them.
            send(client, "PUT", "/subjects/EMPLOYEE/h-1/objectives?period=2026-03", COMPANY_GOALS, head)
                    .expect(403);
            send(
                            client,
                            "GET",
                            "/subjects/EMPLOYEE/c-1/objectives?period=2026-03",
                            null,
                            api.bearer(SecuredApi.TENANT, Role.EMPLOYEE))
                    .expect(403);
            JsonNode audit = SecuredApi.get(
                            client, SecuredApi.BASE + "/audit", api.bearer(SecuredApi.TENANT, Role.AUDITOR))
                    .expect(200)
                    .json();
            assertTrue(audit.toString().contains("scoring.objectives.save"), "the save is audited");
        });
    }

    @Test
    void fewerPeersThanTheMinimumShowOnlyNotEnoughRatersAndNoRaterEverLeavesTheServer() {
        String reviews = "/api/v1/tenants/{tenant}/scoring/employees/{employeeId}/reviews";
        SecuredApi.withApp(services, (app, client) -> {
            String answer = "{\"period\": \"2026-03\", \"answers\": {\"teamwork\": %s, \"communication\": 4}}";
            var receipt = send(
                            client, "POST", "/employees/c-1/reviews", answer.formatted(5), person("c-2", Role.EMPLOYEE))
                    .expect(201);
            documented("POST", reviews, receipt);
            assertEquals("PEER", receipt.json().get("relationship").asText());
            send(client, "POST", "/employees/c-1/reviews", answer.formatted(3), person("c-3", Role.EMPLOYEE))
                    .expect(201);
            assertEquals(
                    "MANAGER",
                    send(
                                    client,
                                    "POST",
                                    "/employees/c-1/reviews",
                                    answer.formatted(2),
                                    person("h-1", Role.DEPARTMENT_HEAD))
                            .expect(201)
                            .json()
                            .get("relationship")
                            .asText());
            String hr = api.bearer(SecuredApi.TENANT, Role.HR);
            var two = send(client, "GET", "/employees/c-1/reviews?period=2026-03", null, hr)
                    .expect(200);
            documented("GET", reviews, two);
            assertEquals("NOT_ENOUGH_RATERS", two.json().get("status").asText());
            assertTrue(two.json().get("score").isNull());
            for (JsonNode r : two.json().get("relationships")) {
                assertEquals("NOT_ENOUGH_RATERS", r.get("status").asText());
                assertTrue(r.get("raters").isNull());
                assertEquals(0, r.get("competencies").size());
            }
            // The third peer: peers are shown (means only), the single manager stays suppressed.
            send(client, "POST", "/employees/c-1/reviews", answer.formatted(4), person("c-4", Role.EMPLOYEE))
                    .expect(201);
            var three = send(
                            client,
                            "GET",
                            "/employees/c-1/reviews?period=2026-03",
                            null,
                            person("h-1", Role.DEPARTMENT_HEAD))
                    .expect(200);
            documented("GET", reviews, three);
            JsonNode peers = three.json().get("relationships").get(1);
            assertEquals("PEER", peers.get("relationship").asText());
            assertEquals(3, peers.get("raters").asInt());
            // teamwork (5 + 3 + 4) / 3 = 4.00; communication 4.00; score over the peers' six answers 4.00.
            assertEquals("4.00", peers.get("competencies").get(1).get("mean").asText());
            assertEquals("4.00", three.json().get("score").asText());
            for (String rater : List.of("c-2", "c-3", "c-4", "h-1")) {
                assertFalse(three.body().contains(rater), "a rater id left the server: " + three.body());
            }
            // The reviewee does not read their own review; someone outside the department does not answer.
            send(client, "GET", "/employees/c-1/reviews?period=2026-03", null, person("c-1", Role.EMPLOYEE))
                    .expect(403);
            send(client, "POST", "/employees/c-1/reviews", answer.formatted(5), person("e-1", Role.EMPLOYEE))
                    .expect(403);
            var bad = send(client, "POST", "/employees/c-1/reviews", answer.formatted(6), person("c-2", Role.EMPLOYEE))
                    .expect(400);
            assertTrue(bad.body().contains("answers.teamwork"), bad.body());
            JsonNode audit = SecuredApi.get(
                            client, SecuredApi.BASE + "/audit", api.bearer(SecuredApi.TENANT, Role.AUDITOR))
                    .expect(200)
                    .json();
            List<Map<String, Object>> entries = SecuredApi.JSON.convertValue(
                    audit.get("entries"), new TypeReference<List<Map<String, Object>>>() {});
            assertTrue(entries.stream().anyMatch(e -> "scoring.review360.answer".equals(e.get("action"))));
            assertFalse(
                    entries.stream()
                            .filter(e -> "scoring.review360.answer".equals(e.get("action")))
                            // Every field but the entry's and the request's random ids: a UUID may hold "c-1".
                            .anyMatch(e -> e.entrySet().stream()
                                    .filter(f -> !f.getKey().equals("entryId")
                                            && !f.getKey().equals("requestId"))
                                    .anyMatch(f -> String.valueOf(f.getValue()).contains("c-1"))),
                    "an audit entry of an answer names the reviewee: the auditor would learn who rated whom");
        });
    }
}
