package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole read side over real HTTP against a real ClickHouse holding a hand-built March 2026, signed in as
 * HR of the path's tenant (whole-tenant scope; roles and scope have their own tests).
 */
class ApiHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    static final TenantRegistry TENANTS =
            TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}, {id: t-other}]");
    /** 2026-03-20 10:00 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);

    static final String BASE = "/api/v1/tenants/t-acme";

    static final TestTokens TOKENS = new TestTokens(CLOCK);
    private static final Pattern PATH_TENANT = Pattern.compile("/tenants/([A-Za-z0-9._-]+)/");

    static SeededClickHouse seeded;
    static ApiServices services;

    @BeforeAll
    static void seed() throws Exception {
        seeded = SeededClickHouse.create(CLICKHOUSE, "api_http");
        services = services(seeded.connections(), () -> CATALOG);
    }

    /** The services under test, signing in with {@link #TOKENS}; rate limiting is off (its own test covers it). */
    static ApiServices services(Connections connections, Supplier<IndicatorCatalog> catalog) {
        SecurityServices security = SecurityServices.builder(connections, ApiJson.mapper(), CLOCK)
                .verifier(TOKENS.verifier())
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .build();
        return ApiServices.builder(connections, TENANTS, catalog, CLOCK, security)
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** An HR token (whole tenant) of the path's tenant, or of t-acme when the path names none or a malformed one. */
    private static String bearerFor(String path) {
        Matcher m = PATH_TENANT.matcher(path);
        return TOKENS.bearer(m.find() ? m.group(1) : SeededClickHouse.TENANT, null, Role.HR);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    /** Runs {@code body} against a started app; a small wrapper so each test reads as request → assertion. */
    private static void withApp(ApiServices s, HttpTest body) {
        Javalin app = ApiApp.create(s, ApiConfig.forTests());
        JavalinTest.test(app, (server, client) -> body.run(client));
    }

    @FunctionalInterface
    interface HttpTest {
        void run(HttpClient client) throws Exception;
    }

    private static JsonNode get(HttpClient client, String path, int expectedStatus) throws IOException {
        try (Response response = client.get(path, req -> req.header("Authorization", bearerFor(path)))) {
            String body = response.body().string();
            assertEquals(expectedStatus, response.code(), body);
            assertTrue(
                    response.header("Content-Type", "").startsWith("application/json"),
                    response.header("Content-Type"));
            return JSON.readTree(body);
        }
    }

    private static void assertError(JsonNode body, String code, String mentioned) {
        assertEquals(code, body.path("error").path("code").asText(), body.toString());
        String message = body.path("error").path("message").asText();
        assertTrue(message.contains(mentioned), message);
        assertFalse(body.toString().contains("Exception"), body.toString());
        assertFalse(body.toString().contains("\tat "), body.toString());
    }

    @Test
    void valuesReturnNewestVersionsWithExactDecimalsRankedBestFirst() {
        withApp(services, client -> {
            JsonNode body = get(
                    client,
                    BASE + "/values?indicator=new_policy_premium&window=MONTH_TO_DATE"
                            + "&date=2026-03-15&subjectType=EMPLOYEE",
                    200);
            assertEquals("2026-03-01", body.path("window").path("start").asText());
            assertEquals("2026-03-31", body.path("window").path("end").asText());
            assertEquals("Asia/Shanghai", body.path("window").path("zone").asText());
            JsonNode values = body.path("values");
            List<String> order = new ArrayList<>();
            values.forEach(v -> order.add(
                    v.path("subjectId").asText() + "#" + v.path("rank").asText()));
            assertEquals(List.of("e-6#1", "e-2#2", "e-3#2", "e-1#4", "e-4#null"), order);

            JsonNode huge = values.get(0);
            assertTrue(huge.path("value").isTextual(), "decimals travel as strings");
            assertEquals("12345678901234567890123.45", huge.path("value").asText());
            assertEquals("137174209920384087667.927222", huge.path("attainment").asText());

            JsonNode e1 = values.get(3);
            assertEquals("12345.67", e1.path("value").asText());
            assertEquals("90000", e1.path("target").asText());
            assertEquals("0.137174", e1.path("attainment").asText());
            assertEquals(3, e1.path("eventCount").asInt());
            assertEquals(30, e1.path("version").asInt());
            assertEquals("2026-03-14T02:00:00Z", e1.path("lastEventTime").asText());
            assertEquals("50000.10", values.get(1).path("value").asText());
            assertTrue(values.get(4).path("value").isNull(), "newest e-4 version has no value");
        });
    }

    @Test
    void oneSubjectOfAnotherTypeOrTenantIsKeptApart() {
        withApp(services, client -> {
            JsonNode dept = get(
                    client,
                    BASE + "/values?indicator=new_policy_premium&date=2026-03-15"
                            + "&subjectType=DEPARTMENT&subjectId=d-sales",
                    200);
            assertEquals(1, dept.path("values").size());
            assertEquals("112345.87", dept.path("values").get(0).path("value").asText());

            JsonNode other = get(
                    client,
                    "/api/v1/tenants/t-other/values?indicator=new_policy_premium"
                            + "&date=2026-03-15&subjectType=EMPLOYEE",
                    200);
            assertEquals(1, other.path("values").size());
            assertEquals("1.00", other.path("values").get(0).path("value").asText());
        });
    }

    @Test
    void rollingWindowReturnsTheInstanceEndingOnTheDate() {
        withApp(services, client -> {
            JsonNode body = get(
                    client,
                    BASE + "/values?indicator=new_policy_premium&window=ROLLING_7D"
                            + "&date=2026-03-15&subjectType=EMPLOYEE&subjectId=e-1",
                    200);
            assertEquals("2026-03-09", body.path("window").path("start").asText());
            assertEquals("2026-03-15", body.path("window").path("end").asText());
            assertEquals(1, body.path("values").size());
            assertEquals("700.00", body.path("values").get(0).path("value").asText());
        });
    }

    @Test
    void lowerIsBetterIndicatorRanksTheSmallestValueFirst() {
        withApp(services, client -> {
            JsonNode body = get(
                    client,
                    BASE + "/values?indicator=claim_cycle_time_avg&date=2026-03-15" + "&subjectType=EMPLOYEE",
                    200);
            assertEquals("c-2", body.path("values").get(0).path("subjectId").asText());
            assertEquals(1, body.path("values").get(0).path("rank").asInt());
            assertEquals("0.7500", body.path("values").get(0).path("value").asText());
        });
    }

    @Test
    void scorecardListsEveryMonthlyIndicatorWithTheSubjectsValues() {
        withApp(services, client -> {
            JsonNode body = get(client, BASE + "/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-15", 200);
            long expected = CATALOG.indicators().stream()
                    .filter(d -> d.windows().contains(io.kpipulse.catalog.WindowType.MONTH_TO_DATE)
                            && d.subjects().contains(io.kpipulse.catalog.SubjectType.EMPLOYEE))
                    .count();
            assertEquals(expected, body.path("indicators").size());
            int withValues = 0;
            for (JsonNode entry : body.path("indicators")) {
                if (!entry.path("value").isNull()) {
                    withValues++;
                }
                if (entry.path("indicator").asText().equals("new_policy_premium")) {
                    assertEquals("12345.67", entry.path("value").path("value").asText());
                    assertEquals(
                            "0.137174", entry.path("value").path("attainment").asText());
                    assertEquals("新单保费", entry.path("names").path("zh-CN").asText());
                }
                if (entry.path("indicator").asText().equals("policies_issued")) {
                    assertEquals("3", entry.path("value").path("value").asText());
                }
            }
            assertEquals(2, withValues);
        });
    }

    @Test
    void rankingsAreTopNPagesWithTheTotal() {
        withApp(services, client -> {
            String q = BASE + "/rankings?indicator=new_policy_premium&window=MONTH_TO_DATE&date=2026-03-15"
                    + "&subjectType=EMPLOYEE";
            JsonNode top2 = get(client, q + "&limit=2", 200);
            assertEquals(List.of("e-6#1", "e-2#2"), listing(top2));
            assertEquals(5, top2.path("total").asInt());
            assertEquals(2, top2.path("limit").asInt());
            assertTrue(top2.path("hasMore").asBoolean());
            JsonNode next = get(client, q + "&limit=2&offset=2", 200);
            assertEquals(List.of("e-3#2", "e-1#4"), listing(next));
            JsonNode all = get(client, q, 200);
            assertEquals(50, all.path("limit").asInt());
            assertEquals(5, all.path("values").size());
            assertFalse(all.path("hasMore").asBoolean());
            JsonNode past = get(client, q + "&offset=100", 200);
            assertEquals(0, past.path("values").size());
            assertEquals(5, past.path("total").asInt());
        });
    }

    private static List<String> listing(JsonNode page) {
        List<String> order = new ArrayList<>();
        page.path("values")
                .forEach(v -> order.add(
                        v.path("subjectId").asText() + "#" + v.path("rank").asText()));
        return order;
    }

    @Test
    void valuesOfOneSubjectCarryItsRankAmongAllStatusAndTrend() {
        withApp(services, client -> {
            JsonNode body = get(
                    client,
                    BASE + "/values?indicator=new_policy_premium&date=2026-03-15&subjectType=EMPLOYEE&subjectId=e-1",
                    200);
            assertEquals(5, body.path("total").asInt());
            JsonNode e1 = body.path("values").get(0);
            assertEquals(4, e1.path("rank").asInt());
            // Q1 push rule: target 90000, critical below 0.7; attainment 0.137174.
            assertEquals("CRITICAL", e1.path("status").asText());
            assertEquals("2026-02-01", e1.path("trend").path("previousStart").asText());
            assertEquals("1000.00", e1.path("trend").path("previous").asText());
            assertEquals("11345.67", e1.path("trend").path("change").asText());
            assertTrue(e1.path("selfReport").isNull());

            JsonNode paged = get(
                    client,
                    BASE + "/values?indicator=new_policy_premium&date=2026-03-15&subjectType=EMPLOYEE&limit=2",
                    200);
            assertEquals(List.of("e-6#1", "e-2#2"), listing(paged));
            assertEquals(
                    500,
                    get(client, BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE", 200)
                            .path("limit")
                            .asInt());
        });
    }

    @Test
    void selfReportNamesSystemOfRecordSelfReportedAndTheDifference() {
        withApp(services, client -> {
            JsonNode e2 = get(
                            client,
                            BASE + "/values?indicator=customer_records_completed&date=2026-03-15"
                                    + "&subjectType=EMPLOYEE&subjectId=e-2",
                            200)
                    .path("values")
                    .get(0);
            assertEquals("80", e2.path("value").asText());
            assertEquals("80", e2.path("selfReport").path("systemOfRecordCount").asText());
            assertEquals("100", e2.path("selfReport").path("selfReportedCount").asText());
            assertEquals("20", e2.path("selfReport").path("difference").asText());
        });
    }

    @Test
    void historyHasOnePointPerStepWithNullsWhereNothingWasCounted() {
        withApp(services, client -> {
            JsonNode rolling = get(
                    client,
                    BASE + "/subjects/EMPLOYEE/e-1/history?indicator=new_policy_premium&window=ROLLING_7D"
                            + "&from=2026-03-13&to=2026-03-15&step=DAY",
                    200);
            List<String> points = new ArrayList<>();
            rolling.path("points")
                    .forEach(p -> points.add(
                            p.path("date").asText() + "=" + p.path("value").asText()));
            assertEquals(List.of("2026-03-13=null", "2026-03-14=600.00", "2026-03-15=700.00"), points);
            assertEquals(
                    "2026-03-09",
                    rolling.path("points").get(2).path("windowStart").asText());

            JsonNode months = get(
                    client,
                    BASE + "/subjects/EMPLOYEE/e-1/history?indicator=new_policy_premium&window=MONTH_TO_DATE"
                            + "&from=2026-01-01&to=2026-03-15&step=MONTH",
                    200);
            List<String> curve = new ArrayList<>();
            months.path("points")
                    .forEach(p -> curve.add(
                            p.path("date").asText() + "=" + p.path("value").asText()));
            assertEquals(List.of("2026-01-31=null", "2026-02-28=1000.00", "2026-03-15=12345.67"), curve);
            assertEquals("CRITICAL", months.path("points").get(2).path("status").asText());
            assertEquals("Asia/Shanghai", months.path("zone").asText());
        });
    }

    @Test
    void scorecardOfASubjectNobodyCountedAnythingForIsNotFound() {
        withApp(services, client -> {
            assertError(
                    get(client, BASE + "/subjects/EMPLOYEE/e-404/scorecard?date=2026-03-15", 404),
                    "NOT_FOUND",
                    "e-404");
            assertError(
                    get(client, BASE + "/subjects/DEPARTMENT/e-1/scorecard?date=2026-03-15", 404), "NOT_FOUND", "e-1");
            // Nothing counted this month, but values exist: a known subject with an empty month.
            JsonNode april = get(client, BASE + "/subjects/EMPLOYEE/e-1/scorecard?date=2026-04-15", 200);
            april.path("indicators").forEach(i -> assertTrue(i.path("value").isNull()));
        });
    }

    @Test
    void theTenantListNamesOnlyTheCallersOwnTenantWithItsZoneAndToday() {
        withApp(services, client -> {
            JsonNode body = get(client, "/api/v1/tenants", 200);
            assertEquals(1, body.path("tenants").size(), "t-other exists but is not the caller's");
            JsonNode acme = body.path("tenants").get(0);
            assertEquals("t-acme", acme.path("id").asText());
            assertEquals("Acme Life", acme.path("name").asText());
            assertEquals("Asia/Shanghai", acme.path("zone").asText());
            assertEquals("2026-03-20", acme.path("today").asText());
        });
    }

    @Test
    void badPagingAndHistoryParametersAreBadRequests() {
        withApp(services, client -> {
            String ranking = BASE + "/rankings?indicator=new_policy_premium&subjectType=EMPLOYEE";
            assertError(get(client, ranking + "&limit=501", 400), "BAD_REQUEST", "limit");
            assertError(get(client, ranking + "&limit=0", 400), "BAD_REQUEST", "limit");
            assertError(get(client, ranking + "&limit=ten", 400), "BAD_REQUEST", "limit");
            assertError(get(client, ranking + "&offset=-1", 400), "BAD_REQUEST", "offset");
            assertError(
                    get(client, BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE&limit=501", 400),
                    "BAD_REQUEST",
                    "limit");
            String history = BASE + "/subjects/EMPLOYEE/e-1/history?indicator=new_policy_premium";
            assertError(
                    get(client, history + "&window=DAY&from=2026-03-01&to=2026-03-15&step=FORTNIGHT", 400),
                    "BAD_REQUEST",
                    "step");
            assertError(get(client, history + "&window=DAY&from=2026-03-01&to=2026-03-15", 400), "BAD_REQUEST", "step");
            assertError(
                    get(client, history + "&window=DAY&from=2026-03-15&to=2026-03-01&step=DAY", 400),
                    "BAD_REQUEST",
                    "from");
            assertError(
                    get(client, history + "&window=MONTH_TO_DATE&from=2026-03-01&to=2026-03-15&step=DAY", 400),
                    "BAD_REQUEST",
                    "step");
            assertError(
                    get(client, history + "&window=DAY&from=2024-01-01&to=2026-03-15&step=DAY", 400),
                    "BAD_REQUEST",
                    "to");
            assertError(get(client, history + "&window=DAY&to=2026-03-15&step=DAY", 400), "BAD_REQUEST", "from");
            assertError(
                    get(client, history + "&window=DAY&from=2026-03-01&to=2026-3-15&step=DAY", 400),
                    "BAD_REQUEST",
                    "to");
        });
    }

    @Test
    void scorecardDefaultsToTheTenantsCurrentMonth() {
        withApp(services, client -> {
            JsonNode body = get(client, BASE + "/subjects/EMPLOYEE/e-1/scorecard", 200);
            assertEquals("2026-03-01", body.path("window").path("start").asText());
        });
    }

    @Test
    void catalogListsIndicatorsWithBothNamesAndTargetsInEffectToday() {
        withApp(services, client -> {
            JsonNode body = get(client, BASE + "/indicators", 200);
            assertEquals(CATALOG.size(), body.path("indicators").size());
            JsonNode premium = null;
            for (JsonNode i : body.path("indicators")) {
                if (i.path("id").asText().equals("new_policy_premium")) {
                    premium = i;
                }
            }
            assertEquals("New-policy premium", premium.path("names").path("en").asText());
            assertEquals("HIGHER_IS_BETTER", premium.path("direction").asText());
            assertEquals("FINANCIAL", premium.path("perspective").asText());
            // 2026-03-20: the open-ended rule and the Q1 push are in effect, the April rule is not yet.
            List<String> targets = new ArrayList<>();
            premium.path("currentTargets")
                    .forEach(t -> targets.add(t.path("target").asText()));
            assertEquals(List.of("60000", "90000"), targets);
        });
    }

    @Test
    void lineageReturnsExactlyTheEventsOfTheIndicatorsTypesInTheTenantsMonth() {
        withApp(services, client -> {
            JsonNode body = get(
                    client,
                    BASE + "/lineage?indicator=new_policy_premium&window=MONTH_TO_DATE"
                            + "&date=2026-03-15&subjectType=EMPLOYEE&subjectId=e-1",
                    200);
            assertEquals(List.of("ev-1", "ev-2"), ids(body));
            assertEquals("2026-02-28T16:00:00Z", body.path("from").asText());
            assertEquals("2026-03-31T16:00:00Z", body.path("to").asText());
            assertFalse(body.path("hasMore").asBoolean());
            JsonNode first = body.path("events").get(0);
            assertEquals("policy.PolicyIssued", first.path("eventType").asText());
            assertEquals("2026-02-28T16:30:00Z", first.path("eventTime").asText());
            assertEquals("1000.00", first.path("payload").path("premium").asText());
        });
    }

    @Test
    void lineageForADepartmentMatchesItsDepartmentIdAndPages() {
        withApp(services, client -> {
            String q = BASE + "/lineage?indicator=new_policy_premium&date=2026-03-15&subjectType=DEPARTMENT"
                    + "&subjectId=d-sales";
            assertEquals(List.of("ev-1", "ev-6", "ev-2"), ids(get(client, q, 200)));
            JsonNode page1 = get(client, q + "&limit=2", 200);
            assertEquals(List.of("ev-1", "ev-6"), ids(page1));
            assertTrue(page1.path("hasMore").asBoolean());
            JsonNode page2 = get(client, q + "&limit=2&offset=2", 200);
            assertEquals(List.of("ev-2"), ids(page2));
            assertFalse(page2.path("hasMore").asBoolean());
        });
    }

    private static List<String> ids(JsonNode lineage) {
        List<String> ids = new ArrayList<>();
        lineage.path("events").forEach(e -> ids.add(e.path("eventId").asText()));
        return ids;
    }

    @Test
    void deadLettersAreNewestFirstWithOriginalBytesInBase64() {
        withApp(services, client -> {
            JsonNode all = get(client, BASE + "/dead-letters", 200);
            List<Long> offsets = new ArrayList<>();
            all.path("deadLetters")
                    .forEach(d -> offsets.add(d.path("kafkaOffset").asLong()));
            assertEquals(List.of(102L, 101L, 100L), offsets);
            assertEquals(
                    "AP8Q",
                    all.path("deadLetters").get(2).path("originalBytesBase64").asText());
            assertEquals(
                    "truncated record",
                    all.path("deadLetters").get(2).path("detail").asText());

            JsonNode malformed = get(client, BASE + "/dead-letters?reason=MALFORMED_AVRO&limit=1", 200);
            assertEquals(1, malformed.path("deadLetters").size());
            assertEquals(
                    102,
                    malformed.path("deadLetters").get(0).path("kafkaOffset").asInt());
        });
    }

    @Test
    void lateEventsShowTheWatermarkTheyMissed() {
        withApp(services, client -> {
            JsonNode body = get(client, BASE + "/late-events", 200);
            assertEquals(1, body.path("lateEvents").size());
            JsonNode late = body.path("lateEvents").get(0);
            assertEquals("ev-late", late.path("eventId").asText());
            assertEquals("2026-03-05T00:00:00Z", late.path("receivedAt").asText());
            assertEquals("yv4=", late.path("payloadAvroBase64").asText());
        });
    }

    @Test
    void invalidParametersAreClearBadRequestsNamingTheParameter() {
        withApp(services, client -> {
            String values = BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE";
            assertError(get(client, values + "&window=FORTNIGHT", 400), "BAD_REQUEST", "window");
            assertError(get(client, values + "&date=2026-02-30", 400), "BAD_REQUEST", "date");
            assertError(get(client, values + "&date=yesterday", 400), "BAD_REQUEST", "date");
            assertError(
                    get(client, BASE + "/values?indicator=no_such_kpi&subjectType=EMPLOYEE", 400),
                    "BAD_REQUEST",
                    "indicator");
            assertError(get(client, BASE + "/values?subjectType=EMPLOYEE", 400), "BAD_REQUEST", "indicator");
            assertError(
                    get(client, BASE + "/values?indicator=new_policy_premium&subjectType=ROBOT", 400),
                    "BAD_REQUEST",
                    "subjectType");
            // commission_paid is not kept per day: say so instead of answering an empty list.
            assertError(
                    get(client, BASE + "/values?indicator=commission_paid&window=DAY&subjectType=EMPLOYEE", 400),
                    "BAD_REQUEST",
                    "window");
            assertError(
                    get(client, BASE + "/lineage?indicator=new_policy_premium&subjectType=EMPLOYEE", 400),
                    "BAD_REQUEST",
                    "subjectId");
            assertError(get(client, BASE + "/dead-letters?limit=0", 400), "BAD_REQUEST", "limit");
            assertError(get(client, "/api/v1/tenants/t%3Bdrop/indicators", 400), "BAD_REQUEST", "tenant");
        });
    }

    @Test
    void unknownTenantOrRouteIsAJsonNotFound() {
        withApp(services, client -> {
            assertError(get(client, "/api/v1/tenants/t-nobody/indicators", 404), "NOT_FOUND", "t-nobody");
            assertError(get(client, "/api/v1/tenants/t-nobody/values?indicator=x", 404), "NOT_FOUND", "t-nobody");
            assertError(get(client, "/api/v1/nowhere", 404), "NOT_FOUND", "/api/v1/nowhere");
        });
    }

    @Test
    void sqlInjectionAttemptsAreRejectedAndTablesStayIntact() throws Exception {
        long values = seeded.count("indicator_values");
        long raw = seeded.count("raw_events");
        withApp(services, client -> {
            assertError(
                    get(
                            client,
                            BASE + "/values?indicator=new_policy_premium%27%20OR%201%3D1%20--"
                                    + "&subjectType=EMPLOYEE",
                            400),
                    "BAD_REQUEST",
                    "indicator");
            assertError(
                    get(
                            client,
                            BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE"
                                    + "&subjectId=e-1%27%3B%20DROP%20TABLE%20indicator_values%3B%20--",
                            400),
                    "BAD_REQUEST",
                    "subjectId");
            assertError(
                    get(client, BASE + "/dead-letters?reason=X%27%20OR%20%271%27%3D%271", 400),
                    "BAD_REQUEST",
                    "reason");
            assertError(get(client, BASE + "/subjects/EMPLOYEE/e-1%27--/scorecard", 400), "BAD_REQUEST", "subjectId");
        });
        assertEquals(values, seeded.count("indicator_values"));
        assertEquals(raw, seeded.count("raw_events"));
    }

    @Test
    void unexpectedFailureIsAGeneric500WithoutInternals() {
        ApiServices broken = services(seeded.connections(), () -> {
            throw new IllegalStateException("secret internal detail");
        });
        try (broken) {
            withApp(broken, client -> {
                JsonNode body = get(client, BASE + "/indicators", 500);
                assertError(body, "INTERNAL", "reference");
                assertFalse(body.toString().contains("secret"), body.toString());
            });
        }
    }

    @Test
    void healthIsUpWithClickHouseLatencyAndVersion() {
        withApp(services, client -> {
            JsonNode body = get(client, "/health", 200);
            assertEquals("UP", body.path("status").asText());
            assertEquals("test", body.path("version").asText());
            assertEquals("UP", body.path("clickhouse").path("status").asText());
            assertTrue(body.path("clickhouse").path("latencyMicros").asLong() > 0);
        });
    }

    @Test
    void unreachableClickHouseMakesHealth503AndReadsA503() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var unreachable = new io.kpipulse.storage.ClickHouseConnector(
                "jdbc:clickhouse://127.0.0.1:" + closedPort, "kpi", "default", "", true);
        try (ApiServices down = services(unreachable::open, () -> CATALOG)) {
            withApp(down, client -> {
                JsonNode health = get(client, "/health", 503);
                assertEquals("DOWN", health.path("status").asText());
                assertEquals("DOWN", health.path("clickhouse").path("status").asText());
                assertError(
                        get(client, BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE", 503),
                        "UNAVAILABLE",
                        "reference");
            });
        }
    }
}
