package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.PlainJWT;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sign-in, API keys, audit, scope and hardening over real HTTP and a real ClickHouse. */
class SecurityHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String BASE = SecuredApi.BASE;
    static final String PREMIUM = "/values?indicator=new_policy_premium&window=MONTH_TO_DATE&subjectType=EMPLOYEE";

    static SecuredApi api;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "security_http"));
        services = api.services(b -> b);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    private static void assertErrorShape(SecuredApi.Answer a, int status, String code) throws IOException {
        assertEquals(status, a.status(), a.body());
        JsonNode body = a.json();
        assertEquals(code, body.path("error").path("code").asText(), a.body());
        assertTrue(body.path("error").path("message").isTextual(), a.body());
    }

    private static List<String> subjects(JsonNode values) {
        List<String> out = new ArrayList<>();
        values.path("values")
                .forEach(v -> out.add(
                        v.path("subjectId").asText() + "#" + v.path("rank").asText()));
        return out;
    }

    @Test
    void missingOrInvalidTokensAre401WithAChallengeAndTheJsonShape() {
        TestTokens t = api.tokens;
        List<String> bad = List.of(
                "Bearer "
                        + TestTokens.signWithStrangerKey(
                                t.claims("t-acme", null, Role.HR).build()),
                "Bearer "
                        + t.sign(t.claims("t-acme", null, Role.HR)
                                .audience("other")
                                .build()),
                "Bearer "
                        + t.sign(t.claims("t-acme", null, Role.HR)
                                .issuer("https://evil.test")
                                .build()),
                "Bearer "
                        + t.sign(t.claims("t-acme", null, Role.HR)
                                .expirationTime(Date.from(Instant.parse("2026-03-20T01:00:00Z")))
                                .build()),
                "Bearer "
                        + t.sign(t.claims("t-acme", null, Role.HR)
                                .notBeforeTime(Date.from(Instant.parse("2026-03-20T03:00:00Z")))
                                .build()),
                "Bearer "
                        + new PlainJWT(
                                        new PlainHeader(),
                                        t.claims("t-acme", null, Role.HR).build())
                                .serialize(),
                "Bearer "
                        + t.sign(t.claims("t-acme", null, Role.HR)
                                .claim("tenant", null)
                                .build()),
                "Basic YWRtaW46YWRtaW4=",
                "Bearer ");
        SecuredApi.withApp(services, (app, client) -> {
            assertErrorShape(SecuredApi.get(client, BASE + "/indicators", null), 401, "UNAUTHORIZED");
            for (String authorization : bad) {
                SecuredApi.Answer a = SecuredApi.get(client, BASE + "/indicators", authorization);
                assertErrorShape(a, 401, "UNAUTHORIZED");
                assertTrue(a.header("WWW-Authenticate").startsWith("Bearer realm="), authorization);
            }
            SecuredApi.get(client, BASE + "/indicators", api.bearer("t-acme", Role.HR))
                    .expect(200);
        });
    }

    @Test
    void loginSignsInAndEverySuccessAndFailureIsAudited() throws Exception {
        long ok = api.auditCount("auth.login", "SUCCESS", "t-acme/head");
        long failed = api.auditCount("auth.login", "FAILURE", "t-acme/head");
        SecuredApi.withApp(services, (app, client) -> {
            String wrong = "{\"tenant\":\"t-acme\",\"username\":\"head\",\"password\":\"guess\"}";
            SecuredApi.Answer refused = SecuredApi.send(client, "POST", "/api/v1/auth/login", wrong);
            assertErrorShape(refused, 401, "UNAUTHORIZED");
            assertErrorShape(
                    SecuredApi.send(
                            client,
                            "POST",
                            "/api/v1/auth/login",
                            "{\"tenant\":\"t-acme\",\"username\":\"nobody\",\"password\":\"guess\"}"),
                    401,
                    "UNAUTHORIZED");
            assertEquals(
                    refused.json().path("error").path("message").asText(),
                    "sign-in failed: unknown tenant, username or password");

            JsonNode signedIn = SecuredApi.send(
                            client,
                            "POST",
                            "/api/v1/auth/login",
                            "{\"tenant\":\"t-acme\",\"username\":\"head\",\"password\":\"" + SecuredApi.PASSWORD
                                    + "\"}")
                    .expect(200)
                    .json();
            assertEquals("Bearer", signedIn.path("tokenType").asText());
            assertEquals("2026-03-20T02:15:00Z", signedIn.path("expiresAt").asText());
            assertEquals("h-1", signedIn.path("employeeId").asText());
            String bearer = "Bearer " + signedIn.path("token").asText();
            JsonNode me = SecuredApi.get(client, "/api/v1/auth/me", bearer)
                    .expect(200)
                    .json();
            assertEquals("t-acme/head", me.path("subject").asText());
            assertEquals("DEPARTMENT_HEAD", me.path("roles").get(0).asText());
            SecuredApi.get(client, BASE + "/dead-letters", bearer).expect(403);
        });
        assertEquals(ok + 1, api.auditCount("auth.login", "SUCCESS", "t-acme/head"));
        assertEquals(failed + 1, api.auditCount("auth.login", "FAILURE", "t-acme/head"));
        assertEquals(1, api.auditCount("auth.login", "FAILURE", "t-acme/nobody"));
        assertFalse(api.auditDump().contains(SecuredApi.PASSWORD), "no password in the audit log");
    }

    @Test
    void apiKeyIsShownOnceWorksUntilRevokedAndBothChangesAreAudited() throws Exception {
        String admin = api.bearer("t-acme", Role.ADMINISTRATOR);
        SecuredApi.withApp(services, (app, client) -> {
            JsonNode created = SecuredApi.send(
                            client,
                            "POST",
                            BASE + "/api-keys",
                            "{\"name\":\"BI export\",\"roles\":[\"AUDITOR\"]}",
                            "Authorization",
                            admin)
                    .expect(201)
                    .json();
            String key = created.path("key").asText();
            String id = created.path("apiKey").path("id").asText();
            assertTrue(key.startsWith("kpk." + id + "."), key);

            JsonNode listed = SecuredApi.get(client, BASE + "/api-keys", admin)
                    .expect(200)
                    .json();
            assertFalse(listed.toString().contains(key), "the key is shown once, never listed");
            assertFalse(listed.toString().contains("sha256"), listed.toString());

            SecuredApi.Answer asKey =
                    SecuredApi.send(client, "GET", BASE + PREMIUM + "&date=2026-03-15", null, "X-Api-Key", key);
            assertEquals(5, asKey.expect(200).json().path("values").size(), "an AUDITOR key sees the tenant");
            SecuredApi.send(client, "GET", BASE + "/api-keys", null, "X-Api-Key", key)
                    .expect(200);
            SecuredApi.send(client, "POST", BASE + "/api-keys", "{\"name\":\"x\",\"roles\":[\"HR\"]}", "X-Api-Key", key)
                    .expect(403);
            SecuredApi.send(client, "GET", "/api/v1/tenants/t-other/indicators", null, "X-Api-Key", key)
                    .expect(403);

            JsonNode revoked = SecuredApi.send(client, "DELETE", BASE + "/api-keys/" + id, null, "Authorization", admin)
                    .expect(200)
                    .json();
            assertTrue(revoked.path("revoked").asBoolean());
            assertEquals("t-acme/administrator", revoked.path("revokedBy").asText());
            assertErrorShape(
                    SecuredApi.send(client, "GET", BASE + "/indicators", null, "X-Api-Key", key), 401, "UNAUTHORIZED");
            SecuredApi.send(
                            client,
                            "DELETE",
                            "/api/v1/tenants/t-acme/api-keys/0123456789abcdef",
                            null,
                            "Authorization",
                            admin)
                    .expect(404);
            assertErrorShape(
                    SecuredApi.send(
                            client,
                            "POST",
                            BASE + "/api-keys",
                            "{\"name\":\"root\",\"roles\":[\"ADMINISTRATOR\"]}",
                            "Authorization",
                            admin),
                    400,
                    "BAD_REQUEST");
            assertTrue(api.auditDump().contains("api-key:" + id));
            assertFalse(api.auditDump().contains(key.substring(key.lastIndexOf('.') + 1)), "no secret audited");
        });
        assertTrue(api.auditCount("api-key.create", "SUCCESS", null) >= 1);
        assertEquals(1, api.auditCount("api-key.revoke", "SUCCESS", null));
    }

    @Test
    void lineageReadsAndDenialsAreAuditedAndAuditorsPageThroughTheLog() throws Exception {
        long reads = api.auditCount("lineage.read", "SUCCESS", "t-acme/e-1");
        String employee = api.bearer("t-acme", Role.EMPLOYEE);
        String auditor = api.bearer("t-acme", Role.AUDITOR);
        SecuredApi.withApp(services, (app, client) -> {
            String lineage = BASE + "/lineage?indicator=new_policy_premium&date=2026-03-15&subjectType=EMPLOYEE";
            SecuredApi.get(client, lineage + "&subjectId=e-1", employee).expect(200);
            assertErrorShape(SecuredApi.get(client, lineage + "&subjectId=e-2", employee), 403, "FORBIDDEN");

            JsonNode page = SecuredApi.get(client, BASE + "/audit?action=lineage.read&actor=t-acme/e-1", auditor)
                    .expect(200)
                    .json();
            JsonNode entry = page.path("entries").get(0);
            assertEquals("lineage.read", entry.path("action").asText());
            assertEquals("EMPLOYEE/e-1", entry.path("target").asText());
            assertEquals("SUCCESS", entry.path("outcome").asText());
            assertEquals(
                    "new_policy_premium", entry.path("after").path("indicator").asText());
            assertFalse(entry.path("requestId").asText().isEmpty());
            assertEquals("127.0.0.1", entry.path("clientAddress").asText());

            assertErrorShape(SecuredApi.get(client, lineage + "&subjectId=e-3", employee), 403, "FORBIDDEN");
            // Paged by a filter the reads themselves do not match: reading the log appends audit.read entries.
            String denials = BASE + "/audit?action=access.denied&actor=t-acme/e-1&limit=1";
            JsonNode first =
                    SecuredApi.get(client, denials, auditor).expect(200).json();
            assertEquals(1, first.path("entries").size());
            assertTrue(first.path("hasMore").asBoolean());
            assertEquals("DENIED", first.path("entries").get(0).path("outcome").asText());
            assertTrue(first.path("entries")
                    .get(0)
                    .path("after")
                    .path("reason")
                    .asText()
                    .contains("outside your scope"));
            JsonNode second = SecuredApi.get(client, denials + "&offset=1", auditor)
                    .expect(200)
                    .json();
            assertFalse(first.path("entries")
                    .get(0)
                    .path("entryId")
                    .asText()
                    .equals(second.path("entries").get(0).path("entryId").asText()));
            assertErrorShape(SecuredApi.get(client, BASE + "/audit?from=yesterday", auditor), 400, "BAD_REQUEST");
            SecuredApi.get(client, BASE + "/audit", api.bearer("t-acme", Role.ADMINISTRATOR))
                    .expect(403);
        });
        assertEquals(reads + 1, api.auditCount("lineage.read", "SUCCESS", "t-acme/e-1"));
        assertTrue(api.auditCount("access.denied", "DENIED", "t-acme/e-1") >= 1);
        assertTrue(api.auditCount("audit.read", "SUCCESS", null) >= 1);
    }

    @Test
    void headMovedToAnotherDepartmentLosesTheOldSubtreeFromTheDayOfTheMove() {
        String head = api.bearer("t-acme", Role.DEPARTMENT_HEAD);
        SecuredApi.withApp(services, (app, client) -> {
            String one = BASE + PREMIUM + "&subjectId=e-1&date=";
            SecuredApi.get(client, one + "2026-03-09", head).expect(200);
            assertErrorShape(SecuredApi.get(client, one + "2026-03-10", head), 403, "FORBIDDEN");
            SecuredApi.get(client, BASE + "/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-09", head)
                    .expect(200);
            SecuredApi.get(client, BASE + "/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-10", head)
                    .expect(403);
            SecuredApi.get(client, BASE + "/subjects/DEPARTMENT/d-sales/scorecard?date=2026-03-09", head)
                    .expect(200);
            SecuredApi.get(client, BASE + "/subjects/DEPARTMENT/d-sales/scorecard?date=2026-03-10", head)
                    .expect(403);
            SecuredApi.get(client, BASE + "/subjects/EMPLOYEE/c-1/scorecard?date=2026-03-10", head)
                    .expect(200);

            assertEquals(
                    List.of("e-6#1", "e-2#2", "e-3#2", "e-1#4", "e-4#null"),
                    subjects(SecuredApi.get(client, BASE + PREMIUM + "&date=2026-03-09", head)
                            .expect(200)
                            .json()));
            assertEquals(
                    List.of(),
                    subjects(SecuredApi.get(client, BASE + PREMIUM + "&date=2026-03-10", head)
                            .expect(200)
                            .json()));
        });
    }

    @Test
    void anEmployeesRankingHoldsOnlyThemselvesRankedAmongWhatTheyMaySee() {
        SecuredApi.withApp(services, (app, client) -> {
            String employee = api.bearer("t-acme", Role.EMPLOYEE);
            assertEquals(
                    List.of("e-1#1"),
                    subjects(SecuredApi.get(client, BASE + PREMIUM + "&date=2026-03-15", employee)
                            .expect(200)
                            .json()));
            SecuredApi.get(client, BASE + "/subjects/DEPARTMENT/d-sales/scorecard", employee)
                    .expect(403);
            SecuredApi.get(client, BASE + "/values?indicator=new_policy_premium&subjectType=DEPARTMENT", employee)
                    .expect(200);
        });
    }

    @Test
    void aCallerBeyondTheirBucketGets429WithRetryAfter() throws Exception {
        AtomicLong nanos = new AtomicLong();
        try (ApiServices limited = api.services(b -> b.rateLimiter(new RateLimiter(2, 1, nanos::get)))) {
            SecuredApi.withApp(limited, (app, client) -> {
                String hr = api.bearer("t-acme", Role.HR);
                SecuredApi.get(client, BASE + "/indicators", hr).expect(200);
                SecuredApi.get(client, BASE + "/indicators", hr).expect(200);
                SecuredApi.Answer limitedAnswer = SecuredApi.get(client, BASE + "/indicators", hr);
                assertErrorShape(limitedAnswer, 429, "TOO_MANY_REQUESTS");
                assertEquals("1", limitedAnswer.header("Retry-After"));
                SecuredApi.get(client, BASE + "/indicators", api.bearer("t-acme", Role.AUDITOR))
                        .expect(200);
                nanos.addAndGet(1_000_000_000L);
                SecuredApi.get(client, BASE + "/indicators", hr).expect(200);
            });
        }
    }

    @Test
    void anOversizedBodyIs413() throws Exception {
        try (ApiServices small = api.services(b -> b.maxBodyBytes(1_024))) {
            SecuredApi.withApp(small, (app, client) -> {
                String body =
                        "{\"tenant\":\"t-acme\",\"username\":\"head\",\"password\":\"" + "x".repeat(2_000) + "\"}";
                assertErrorShape(SecuredApi.send(client, "POST", "/api/v1/auth/login", body), 413, "PAYLOAD_TOO_LARGE");
            });
        }
    }

    @Test
    void everyAnswerCarriesSecurityHeadersAndNoServerVersion() {
        SecuredApi.withApp(services, (app, client) -> {
            for (SecuredApi.Answer a : List.of(
                    SecuredApi.get(client, "/health", null),
                    SecuredApi.get(client, "/api/v1/nowhere", null),
                    SecuredApi.get(client, BASE + "/indicators", null),
                    SecuredApi.get(client, BASE + "/indicators", api.bearer("t-acme", Role.HR)))) {
                String csp = a.header("Content-Security-Policy");
                assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), csp);
                assertFalse(csp.contains("script-src 'self' 'unsafe-inline'"), csp);
                assertEquals("nosniff", a.header("X-Content-Type-Options"));
                assertEquals("no-referrer", a.header("Referrer-Policy"));
                assertEquals("DENY", a.header("X-Frame-Options"));
                assertNull(a.header("Server"), "no server banner");
                assertFalse(a.header("X-Request-Id").isEmpty());
            }
            assertEquals(
                    "no-store",
                    SecuredApi.get(client, BASE + "/indicators", api.bearer("t-acme", Role.HR))
                            .header("Cache-Control"));
        });
    }

    @Test
    void corsIsOffByDefaultAndAnswersOnlyConfiguredOrigins() throws Exception {
        String hr = api.bearer("t-acme", Role.HR);
        SecuredApi.withApp(
                services,
                (app, client) -> assertNull(SecuredApi.send(
                                client,
                                "GET",
                                BASE + "/indicators",
                                null,
                                "Authorization",
                                hr,
                                "Origin",
                                "https://evil.test")
                        .header("Access-Control-Allow-Origin")));
        try (ApiServices cors = api.services(b -> b.corsOrigins(List.of("https://kpi.example.com")))) {
            SecuredApi.withApp(cors, (app, client) -> {
                assertEquals(
                        "https://kpi.example.com",
                        SecuredApi.send(
                                        client,
                                        "GET",
                                        BASE + "/indicators",
                                        null,
                                        "Authorization",
                                        hr,
                                        "Origin",
                                        "https://kpi.example.com")
                                .header("Access-Control-Allow-Origin"));
                assertNull(SecuredApi.send(
                                client,
                                "GET",
                                BASE + "/indicators",
                                null,
                                "Authorization",
                                hr,
                                "Origin",
                                "https://evil.test")
                        .header("Access-Control-Allow-Origin"));
            });
        }
    }

    static final List<String> INJECTIONS = List.of(
            "' OR '1'='1",
            "1; DROP TABLE audit_log; --",
            "\" UNION SELECT key_sha256 FROM api_keys --",
            "e-1') OR 1=1 --",
            "${jndi:ldap://x/a}",
            "..%2F..%2Fetc%2Fpasswd",
            "\u0000");

    /** URL templates with {X} where the injected text goes, and the role that may call each route. */
    static final List<String[]> INJECTED = List.of(
            new String[] {"/api/v1/tenants/{X}/indicators", "HR"},
            new String[] {BASE + "/values?indicator={X}&subjectType=EMPLOYEE", "HR"},
            new String[] {BASE + "/values?indicator=new_policy_premium&window={X}&subjectType=EMPLOYEE", "HR"},
            new String[] {BASE + "/values?indicator=new_policy_premium&date={X}&subjectType=EMPLOYEE", "HR"},
            new String[] {BASE + "/values?indicator=new_policy_premium&subjectType={X}", "HR"},
            new String[] {BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE&subjectId={X}", "HR"},
            new String[] {
                BASE + "/values?indicator=new_policy_premium&subjectType=EMPLOYEE&subjectId={X}", "DEPARTMENT_HEAD"
            },
            new String[] {BASE + "/subjects/{X}/e-1/scorecard", "HR"},
            new String[] {BASE + "/subjects/EMPLOYEE/{X}/scorecard", "EMPLOYEE"},
            new String[] {BASE + "/subjects/EMPLOYEE/e-1/scorecard?date={X}", "HR"},
            new String[] {BASE + "/lineage?indicator=new_policy_premium&subjectType=EMPLOYEE&subjectId={X}", "HR"},
            new String[] {
                BASE + "/lineage?indicator=new_policy_premium&subjectType=EMPLOYEE&subjectId=e-1&limit={X}", "HR"
            },
            new String[] {
                BASE + "/lineage?indicator=new_policy_premium&subjectType=EMPLOYEE&subjectId=e-1&offset={X}", "HR"
            },
            new String[] {BASE + "/dead-letters?reason={X}", "HR"},
            new String[] {BASE + "/dead-letters?limit={X}", "HR"},
            new String[] {BASE + "/late-events?limit={X}", "HR"},
            new String[] {BASE + "/audit?from={X}", "AUDITOR"},
            new String[] {BASE + "/audit?to={X}", "AUDITOR"},
            new String[] {BASE + "/audit?actor={X}", "AUDITOR"},
            new String[] {BASE + "/audit?action={X}", "AUDITOR"},
            new String[] {BASE + "/audit?limit={X}&offset={X}", "AUDITOR"});

    private static void assertSafe(SecuredApi.Answer a, String what) {
        assertTrue(a.status() == 200 || (a.status() >= 400 && a.status() < 500), what + " → " + a.status() + a.body());
        // Words of our own SQL and internals; the client's own text may be echoed in a 400's message.
        for (String leak : List.of("WHERE", "FINAL", "tenant_id", "Exception", "ClickHouse", "\tat ")) {
            assertFalse(a.body().contains(leak), what + " leaked " + leak + ": " + a.body());
        }
    }

    @Test
    void injectionAttemptsInEveryParameterFailSafely() throws Exception {
        long auditRows = api.seeded.count("audit_log");
        SecuredApi.withApp(services, (app, client) -> {
            for (String injection : INJECTIONS) {
                String encoded = URLEncoder.encode(injection, StandardCharsets.UTF_8);
                for (String[] route : INJECTED) {
                    String path = route[0].replace("{X}", encoded);
                    assertSafe(SecuredApi.get(client, path, api.bearer("t-acme", Role.valueOf(route[1]))), path);
                }
                String admin = api.bearer("t-acme", Role.ADMINISTRATOR);
                assertSafe(
                        SecuredApi.send(client, "DELETE", BASE + "/api-keys/" + encoded, null, "Authorization", admin),
                        "keyId " + injection);
                String quoted = SecuredApi.JSON.writeValueAsString(injection);
                assertSafe(
                        SecuredApi.send(
                                client,
                                "POST",
                                BASE + "/api-keys",
                                "{\"name\":" + quoted + ",\"roles\":[" + quoted + "]}",
                                "Authorization",
                                admin),
                        "api key body " + injection);
                for (String field : List.of("tenant", "username", "password")) {
                    Map<String, String> login =
                            new HashMap<>(Map.of("tenant", "t-acme", "username", "head", "password", "x"));
                    login.put(field, injection);
                    assertSafe(
                            SecuredApi.send(
                                    client, "POST", "/api/v1/auth/login", SecuredApi.JSON.writeValueAsString(login)),
                            "login " + field + " " + injection);
                }
                if (!injection.equals("\u0000")) {
                    assertSafe(
                            SecuredApi.send(client, "GET", BASE + "/indicators", null, "X-Api-Key", injection),
                            "api key header " + injection);
                    assertSafe(
                            SecuredApi.send(
                                    client, "GET", BASE + "/indicators", null, "Authorization", "Bearer " + injection),
                            "bearer " + injection);
                }
            }
            assertSafe(SecuredApi.send(client, "POST", "/api/v1/auth/login", "{not json"), "broken JSON");
            assertSafe(SecuredApi.send(client, "POST", "/api/v1/auth/login", "[1,2]"), "JSON array");
        });
        assertTrue(api.seeded.count("audit_log") >= auditRows, "nothing deleted");
        assertTrue(api.seeded.count("indicator_values") > 0);
    }
}
