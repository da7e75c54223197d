package io.kpipulse.api.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.SeededClickHouse;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The org routes over real HTTP and the real ClickHouse engine. March 2026 in Shanghai (UTC+8; the SQL is in
 * UTC): d-root ─ d-north ─ d-team1, d-team2, all created and everyone hired on 03-01 00:00. e-1 CEO; e-2
 * heads d-north; e-4 heads d-team1 with e-5 and e-8; e-6 heads d-team2. d-team2 renamed on 03-10 08:00;
 * e-5 moved to d-team2 on 03-16 08:30; e-8 left on 03-20 18:00.
 */
class OrgHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "/api/v1/tenants/t-acme/org";
    /** 2026-03-20 10:00 in Shanghai: "today" when no date is given. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);

    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static ApiServices services;

    @BeforeAll
    static void seed() throws Exception {
        SeededClickHouse seeded = SeededClickHouse.create(CLICKHOUSE, "api_org");
        try (Connection c = seeded.connector().open();
                Statement s = c.createStatement()) {
            OrgExample.insert(s);
        }
        TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]");
        // Scope on the real org reader over the same tables: what ApiMain wires.
        ReadModelOrgScope org = new ReadModelOrgScope(
                new OrgReader(seeded.connections()::open), new TenantDirectory(tenants, CLOCK), System::nanoTime);
        SecurityServices security = SecurityServices.builder(seeded.connections(), ApiJson.mapper(), CLOCK)
                .verifier(TOKENS.verifier())
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .org(org)
                .build();
        services = ApiServices.builder(seeded.connections(), tenants, CatalogYaml::templateLibrary, CLOCK, security)
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @FunctionalInterface
    interface HttpTest {
        void run(HttpClient client) throws Exception;
    }

    private static void withApp(HttpTest body) {
        JavalinTest.test(ApiApp.create(services, ApiConfig.forTests()), (server, client) -> body.run(client));
    }

    /** As HR (the whole tenant); scope has its own tests below. */
    private static JsonNode get(HttpClient client, String path, int expectedStatus) throws IOException {
        return get(client, path, expectedStatus, TOKENS.bearer("t-acme", null, Role.HR));
    }

    private static JsonNode get(HttpClient client, String path, int expectedStatus, String bearer) throws IOException {
        try (Response response = client.get(path, req -> req.header("Authorization", bearer))) {
            String body = response.body().string();
            assertEquals(expectedStatus, response.code(), body);
            return JSON.readTree(body);
        }
    }

    private static void assertError(JsonNode body, String code, String mentioned) {
        assertEquals(code, body.path("error").path("code").asText(), body.toString());
        String message = body.path("error").path("message").asText();
        assertTrue(message.contains(mentioned), message);
        assertFalse(body.toString().contains("Exception"), body.toString());
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    @Test
    void theTreeAsOfAPastDayHasParentsFirstHeadsAndDirectMemberCounts() {
        withApp(client -> {
            JsonNode body = get(client, BASE + "/tree?date=2026-03-15", 200);

            assertEquals("t-acme", body.path("tenant").asText());
            assertEquals("2026-03-15", body.path("date").asText());
            JsonNode departments = body.path("departments");
            assertEquals(List.of("d-root", "d-north", "d-team1", "d-team2"), texts(departments, "id"));
            assertEquals(
                    JSON.readTree("{\"id\":\"d-team1\",\"name\":\"Team 1\",\"parentId\":\"d-north\","
                            + "\"type\":\"FRONT_LINE\",\"function\":\"LIFE_SALES\",\"headEmployeeId\":\"e-4\","
                            + "\"headName\":\"刘洋\",\"memberCount\":3}"),
                    departments.get(2));
            assertTrue(departments.get(0).path("parentId").isNull());
            assertEquals("总部", departments.get(0).path("name").asText());
            assertEquals("Team 2 (Elite)", departments.get(3).path("name").asText());
        });
    }

    @Test
    void membersFollowTheMoveAndTheLeave() {
        withApp(client -> {
            assertEquals(
                    List.of("e-4", "e-5", "e-8"),
                    texts(
                            get(client, BASE + "/departments/d-team1/members?date=2026-03-15", 200)
                                    .path("members"),
                            "employeeId"));
            JsonNode sixteenth = get(client, BASE + "/departments/d-team1/members?date=2026-03-16", 200);
            assertEquals(List.of("e-4", "e-8"), texts(sixteenth.path("members"), "employeeId"));
            assertEquals("Team 1", sixteenth.path("department").path("name").asText());
            assertEquals(
                    JSON.readTree("{\"employeeId\":\"e-8\",\"name\":\"陈静\",\"departmentId\":\"d-team1\","
                            + "\"position\":\"Agent\",\"managerId\":\"e-4\"}"),
                    sixteenth.path("members").get(1));
            // No date: today, the 20th, after e-8 left at 18:00.
            assertEquals(
                    List.of("e-4"),
                    texts(
                            get(client, BASE + "/departments/d-team1/members", 200)
                                    .path("members"),
                            "employeeId"));
        });
    }

    @Test
    void subtreeMembersComeDepartmentByDepartmentInTreeOrder() {
        withApp(client -> {
            JsonNode body = get(client, BASE + "/departments/d-north/members?date=2026-03-16&subtree=true", 200);
            assertEquals(List.of("e-2", "e-4", "e-8", "e-5", "e-6"), texts(body.path("members"), "employeeId"));
            assertEquals(
                    List.of("d-north", "d-team1", "d-team1", "d-team2", "d-team2"),
                    texts(body.path("members"), "departmentId"));
        });
    }

    @Test
    void anEmployeesRecordHasTheDepartmentOfThatDayAndTheWholeHistory() {
        withApp(client -> {
            JsonNode body = get(client, BASE + "/employees/e-5?date=2026-03-16", 200);
            assertEquals(
                    JSON.readTree(
                            "{\"tenant\":\"t-acme\",\"date\":\"2026-03-16\",\"employeeId\":\"e-5\",\"name\":\"张敏\","
                                    + "\"departmentId\":\"d-team2\",\"departmentName\":\"Team 2 (Elite)\","
                                    + "\"position\":\"Senior Agent\",\"managerId\":\"e-6\",\"hiredOn\":\"2024-09-02\","
                                    + "\"leftOn\":null,\"history\":["
                                    + "{\"from\":\"2026-03-01\",\"to\":\"2026-03-15\",\"departmentId\":\"d-team1\","
                                    + "\"position\":\"Agent\",\"managerId\":\"e-4\"},"
                                    + "{\"from\":\"2026-03-16\",\"to\":null,\"departmentId\":\"d-team2\","
                                    + "\"position\":\"Senior Agent\",\"managerId\":\"e-6\"}]}"),
                    body);
        });
    }

    @Test
    void aLeaverShowsTheLeaveDateWhileEmployedAndIsNotEmployedFromTheDayOfTheLeave() {
        withApp(client -> {
            JsonNode before = get(client, BASE + "/employees/e-8?date=2026-03-19", 200);
            assertEquals("2026-03-20", before.path("leftOn").asText());
            assertError(
                    get(client, BASE + "/employees/e-8?date=2026-03-20", 404),
                    "NOT_FOUND",
                    "employee 'e-8' is not employed on 2026-03-20 (left on 2026-03-20)");
        });
    }

    @Test
    void unknownDepartmentsAndEmployeesAre404AndBadInputIs400() {
        withApp(client -> {
            assertError(get(client, BASE + "/employees/e-404?date=2026-03-16", 404), "NOT_FOUND", "unknown employee");
            assertError(
                    get(client, BASE + "/departments/d-team1/members?date=2026-02-27", 404),
                    "NOT_FOUND",
                    "department 'd-team1' does not exist on 2026-02-27");
            assertError(get(client, BASE + "/tree?date=2026-13-01", 400), "BAD_REQUEST", "date");
            assertError(get(client, BASE + "/departments/d-team1/members?subtree=yes", 400), "BAD_REQUEST", "subtree");
            assertError(
                    get(client, BASE + "/employees/e-1'%20OR%201=1?date=2026-03-16", 400), "BAD_REQUEST", "employeeId");
            assertError(
                    get(client, "/api/v1/tenants/t-nobody/org/tree", 404, TOKENS.bearer("t-nobody", null, Role.HR)),
                    "NOT_FOUND",
                    "unknown tenant");
        });
    }

    @Test
    void aDepartmentHeadSeesOnlyTheSubtreeTheyHeadInTreeMembersAndRecords() {
        String head = TOKENS.bearer("t-acme", "e-4", Role.DEPARTMENT_HEAD);
        withApp(client -> {
            JsonNode tree = get(client, BASE + "/tree?date=2026-03-15", 200, head);
            assertEquals(List.of("d-team1"), texts(tree.path("departments"), "id"));
            get(client, BASE + "/departments/d-team1/members?date=2026-03-15", 200, head);
            assertError(
                    get(client, BASE + "/departments/d-team2/members?date=2026-03-15", 403, head),
                    "FORBIDDEN",
                    "outside your scope");
            // e-5 works in e-4's team until the move on the 16th, then in d-team2.
            get(client, BASE + "/employees/e-5?date=2026-03-15", 200, head);
            get(client, BASE + "/employees/e-5?date=2026-03-16", 403, head);
        });
    }

    @Test
    void anEmployeeReadsTheirOwnRecordAndNoOneElses() {
        String employee = TOKENS.bearer("t-acme", "e-5", Role.EMPLOYEE);
        withApp(client -> {
            assertEquals(
                    "e-5",
                    get(client, BASE + "/employees/e-5?date=2026-03-15", 200, employee)
                            .path("employeeId")
                            .asText());
            get(client, BASE + "/employees/e-4?date=2026-03-15", 403, employee);
            get(client, BASE + "/tree?date=2026-03-15", 403, employee);
        });
    }

    @Test
    void rankingsAndScorecardsNameTheirSubjectsAsOfTheDayAsked() {
        withApp(client -> {
            JsonNode ranking = get(
                    client,
                    "/api/v1/tenants/t-acme/rankings?indicator=new_policy_premium&window=MONTH_TO_DATE"
                            + "&date=2026-03-15&subjectType=EMPLOYEE&limit=10",
                    200);
            java.util.Map<String, String> names = new java.util.TreeMap<>();
            ranking.path("values")
                    .forEach(v -> names.put(
                            v.path("subjectId").asText(),
                            v.path("name").isNull() ? null : v.path("name").asText()));
            assertEquals("赵磊", names.get("e-6"));
            assertEquals("李娜", names.get("e-2"));
            assertTrue(names.containsKey("e-3") && names.get("e-3") == null, "e-3 is not in the directory: " + names);
            JsonNode scorecard =
                    get(client, "/api/v1/tenants/t-acme/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-15", 200);
            assertEquals("王伟", scorecard.path("name").asText());
        });
    }
}
