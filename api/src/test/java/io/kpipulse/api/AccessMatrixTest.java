package io.kpipulse.api;

import static io.kpipulse.api.auth.Role.ADMINISTRATOR;
import static io.kpipulse.api.auth.Role.AUDITOR;
import static io.kpipulse.api.auth.Role.DEPARTMENT_HEAD;
import static io.kpipulse.api.auth.Role.EMPLOYEE;
import static io.kpipulse.api.auth.Role.EXECUTIVE;
import static io.kpipulse.api.auth.Role.HR;
import static io.kpipulse.api.auth.Role.PUBLIC;
import static java.util.Map.entry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.javalin.router.Endpoint;
import io.javalin.router.ParsedEndpoint;
import io.kpipulse.api.auth.Role;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the app registers × every role × another tenant × no sign-in, against the matrix below (the
 * table in api/README.md). A route added to {@link ApiApp} without a line here fails
 * {@link #everyRegisteredRouteHasAMatrixEntry}: decide who may call it before it ships.
 */
class AccessMatrixTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final Set<Role> SIGNED_IN = EnumSet.complementOf(EnumSet.of(PUBLIC));
    static final Set<Role> READERS = EnumSet.of(EXECUTIVE, HR, DEPARTMENT_HEAD, EMPLOYEE, AUDITOR);
    static final Set<Role> ALERT_OWNERS = EnumSet.of(DEPARTMENT_HEAD, HR, EXECUTIVE, ADMINISTRATOR);
    static final Set<Role> ALERT_READERS = EnumSet.of(DEPARTMENT_HEAD, HR, EXECUTIVE, ADMINISTRATOR, AUDITOR);

    /** Who may call a route, and a request that passes validation and scope for each admitted role. */
    record Entry(Set<Role> allowed, String path, String body, int admittedError) {
        Entry(Set<Role> allowed, String path, String body) {
            this(allowed, path, body, 404);
        }
    }

    static final String LOGIN_BODY =
            "{\"tenant\":\"t-acme\",\"username\":\"admin\",\"password\":\"" + SecuredApi.PASSWORD + "\"}";
    static final String VALUE_QUERY =
            "indicator=new_policy_premium&window=MONTH_TO_DATE&date=2026-03-05&subjectType=EMPLOYEE&subjectId=e-1";

    static final String TEMPLATE_BODY = "{\"effectiveFrom\":\"2026-03-01\",\"template\":{\"templateId\":\"matrix\","
            + "\"name\":\"Matrix\",\"items\":[{\"indicator\":\"policies_issued\",\"weight\":70,"
            + "\"rule\":{\"type\":\"LINEAR\",\"target\":12}}]}}";
    static final String PERIOD = "/api/v1/tenants/{tenant}/periods/2026-03";
    static final String DISPUTE = "d-00000000-0000-0000-0000-000000000000";

    static final Map<String, Entry> MATRIX = Map.ofEntries(
            entry("GET /health", new Entry(EnumSet.of(PUBLIC), "/health", null)),
            entry("GET /metrics", new Entry(EnumSet.of(ADMINISTRATOR, AUDITOR), "/metrics", null)),
            entry("POST /api/v1/auth/login", new Entry(EnumSet.of(PUBLIC), "/api/v1/auth/login", LOGIN_BODY)),
            entry("GET /api/v1/auth/me", new Entry(SIGNED_IN, "/api/v1/auth/me", null)),
            entry("GET /api/v1/tenants", new Entry(SIGNED_IN, "/api/v1/tenants", null)),
            entry("GET /openapi.json", new Entry(EnumSet.of(PUBLIC), "/openapi.json", null)),
            entry("GET /api-docs", new Entry(EnumSet.of(PUBLIC), "/api-docs", null)),
            entry("GET /", new Entry(EnumSet.of(PUBLIC), "/", null)),
            entry("GET /tenants/{tenant}", new Entry(EnumSet.of(PUBLIC), "/tenants/{tenant}", null)),
            entry("GET /tenants/{tenant}/<page>", new Entry(EnumSet.of(PUBLIC), "/tenants/{tenant}/linkage", null)),
            // Without an event-stream Accept the stream is refused (400) once sign-in and roles have passed:
            // admitted, yet no stream is left open by the matrix.
            entry("GET /api/v1/tenants/{tenant}/live", new Entry(READERS, "/api/v1/tenants/{tenant}/live", null, 400)),
            entry(
                    "GET /api/v1/tenants/{tenant}/rankings",
                    new Entry(
                            EnumSet.of(EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR),
                            "/api/v1/tenants/{tenant}/rankings?indicator=new_policy_premium&window=MONTH_TO_DATE"
                                    + "&date=2026-03-05&subjectType=EMPLOYEE",
                            null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/subjects/{subjectType}/{subjectId}/history",
                    new Entry(
                            READERS,
                            "/api/v1/tenants/{tenant}/subjects/EMPLOYEE/e-1/history?indicator=new_policy_premium"
                                    + "&window=DAY&from=2026-03-01&to=2026-03-05&step=DAY",
                            null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/indicators",
                    new Entry(READERS, "/api/v1/tenants/{tenant}/indicators", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/values",
                    new Entry(READERS, "/api/v1/tenants/{tenant}/values?" + VALUE_QUERY, null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/subjects/{subjectType}/{subjectId}/scorecard",
                    new Entry(
                            READERS, "/api/v1/tenants/{tenant}/subjects/EMPLOYEE/e-1/scorecard?date=2026-03-05", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/lineage",
                    new Entry(READERS, "/api/v1/tenants/{tenant}/lineage?" + VALUE_QUERY, null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/org/tree",
                    new Entry(
                            EnumSet.of(EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR),
                            "/api/v1/tenants/{tenant}/org/tree?date=2026-03-05",
                            null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/org/departments/{departmentId}/members",
                    new Entry(
                            EnumSet.of(EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR),
                            "/api/v1/tenants/{tenant}/org/departments/d-sales/members?date=2026-03-05",
                            null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/org/employees/{employeeId}",
                    new Entry(READERS, "/api/v1/tenants/{tenant}/org/employees/e-1?date=2026-03-05", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/dead-letters",
                    new Entry(EnumSet.of(HR, ADMINISTRATOR, AUDITOR), "/api/v1/tenants/{tenant}/dead-letters", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/late-events",
                    new Entry(EnumSet.of(HR, ADMINISTRATOR, AUDITOR), "/api/v1/tenants/{tenant}/late-events", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/api-keys",
                    new Entry(EnumSet.of(ADMINISTRATOR, AUDITOR), "/api/v1/tenants/{tenant}/api-keys", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/api-keys",
                    new Entry(
                            EnumSet.of(ADMINISTRATOR),
                            "/api/v1/tenants/{tenant}/api-keys",
                            "{\"name\":\"matrix\",\"roles\":[\"AUDITOR\"]}")),
            entry(
                    "DELETE /api/v1/tenants/{tenant}/api-keys/{keyId}",
                    new Entry(EnumSet.of(ADMINISTRATOR), "/api/v1/tenants/{tenant}/api-keys/00000000000000ff", null)),
            // Alerts: reads answer 200; writes are admitted and then refused on their content (400 naming
            // the field, 404 for an unknown rule), so the matrix changes nothing.
            entry(
                    "GET /api/v1/tenants/{tenant}/calendars/{year}/versions",
                    new Entry(SIGNED_IN, "/api/v1/tenants/{tenant}/calendars/2027/versions", null)),
            // A holiday outside the year and a make-up working day on a Monday: refused (400) once sign-in and
            // roles have passed, and still refused with either field changed (the injection walk), so nothing is
            // stored or published.
            entry(
                    "POST /api/v1/tenants/{tenant}/calendars/{year}/versions",
                    new Entry(
                            EnumSet.of(HR, ADMINISTRATOR),
                            "/api/v1/tenants/{tenant}/calendars/2027/versions",
                            "{\"holidays\":[\"2026-12-31\"],\"makeUpWorkdays\":[\"2027-02-15\"]}",
                            400)),
            entry(
                    "GET /api/v1/tenants/{tenant}/alerts/presets",
                    new Entry(ALERT_READERS, "/api/v1/tenants/{tenant}/alerts/presets", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/alerts/rules",
                    new Entry(ALERT_READERS, "/api/v1/tenants/{tenant}/alerts/rules", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/alerts/rules",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/rules", "{\"indicatorId\":\"x\"}", 400)),
            entry(
                    "PUT /api/v1/tenants/{tenant}/alerts/rules/{ruleId}",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/rules/none", "{}")),
            entry(
                    "DELETE /api/v1/tenants/{tenant}/alerts/rules/{ruleId}",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/rules/none", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/alerts/events",
                    new Entry(ALERT_READERS, "/api/v1/tenants/{tenant}/alerts/events", null)),
            // As the live stream: admitted roles meet the Accept check (400), so the matrix opens no stream.
            entry(
                    "GET /api/v1/tenants/{tenant}/alerts/stream",
                    new Entry(ALERT_READERS, "/api/v1/tenants/{tenant}/alerts/stream", null, 400)),
            entry(
                    "POST /api/v1/tenants/{tenant}/alerts/events/{ruleId}/{groupId}/{sequence}/acknowledge",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/events/none/none/1/acknowledge", "{}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/alerts/silences",
                    new Entry(ALERT_READERS, "/api/v1/tenants/{tenant}/alerts/silences", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/alerts/silences",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/silences", "{}", 400)),
            entry(
                    "GET /api/v1/tenants/{tenant}/alerts/channels",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/channels", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/alerts/channels",
                    new Entry(ALERT_OWNERS, "/api/v1/tenants/{tenant}/alerts/channels", "{}", 400)),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/templates",
                    new Entry(SIGNED_IN, "/api/v1/tenants/{tenant}/scoring/templates?date=2026-03-05", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/scoring/templates",
                    new Entry(
                            EnumSet.of(HR, ADMINISTRATOR),
                            "/api/v1/tenants/{tenant}/scoring/templates",
                            TEMPLATE_BODY)),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/templates/{templateId}/versions",
                    new Entry(SIGNED_IN, "/api/v1/tenants/{tenant}/scoring/templates/matrix/versions", null)),
            // No org rows in this database: a valid assignment or plan names a department that does not exist
            // (400 INVALID_DEFINITION) once sign-in and roles have passed.
            entry(
                    "POST /api/v1/tenants/{tenant}/scoring/assignments",
                    new Entry(
                            EnumSet.of(HR, ADMINISTRATOR),
                            "/api/v1/tenants/{tenant}/scoring/assignments",
                            "{\"templateId\":\"matrix\",\"effectiveFrom\":\"2026-03-01\",\"targetType\":\"DEPARTMENT\","
                                    + "\"targetIds\":[\"d-sales\"]}",
                            400)),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/bonus-plans",
                    new Entry(SIGNED_IN, "/api/v1/tenants/{tenant}/scoring/bonus-plans?date=2026-03-05", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/scoring/bonus-plans",
                    new Entry(
                            EnumSet.of(HR, ADMINISTRATOR),
                            "/api/v1/tenants/{tenant}/scoring/bonus-plans",
                            "{\"effectiveFrom\":\"2026-03-01\",\"plan\":{\"departmentId\":\"d-sales\",\"components\":[]}}",
                            400)),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/employees/{employeeId}/scorecard",
                    new Entry(
                            READERS, "/api/v1/tenants/{tenant}/scoring/employees/e-1/scorecard?period=2026-02", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/scoring/employees/{employeeId}/ratings",
                    new Entry(
                            EnumSet.of(HR, DEPARTMENT_HEAD),
                            "/api/v1/tenants/{tenant}/scoring/employees/c-1/ratings",
                            "{\"period\":\"2026-03\",\"points\":25,\"outOf\":30}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/departments/{departmentId}/scores",
                    new Entry(
                            EnumSet.of(EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR),
                            "/api/v1/tenants/{tenant}/scoring/departments/d-sales/scores?period=2026-02",
                            null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/departments/{departmentId}/bonus",
                    new Entry(
                            EnumSet.of(EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR),
                            "/api/v1/tenants/{tenant}/scoring/departments/d-sales/bonus?period=2026-02",
                            null)),
            // MBO and 360 over an org directory without e-1 in February: every admitted role reaches the
            // service and gets 404 (not employed), so no role's admission depends on the seeded org.
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/subjects/{subjectType}/{subjectId}/objectives",
                    new Entry(
                            READERS,
                            "/api/v1/tenants/{tenant}/scoring/subjects/EMPLOYEE/e-1/objectives?period=2026-02",
                            null)),
            entry(
                    "PUT /api/v1/tenants/{tenant}/scoring/subjects/{subjectType}/{subjectId}/objectives",
                    new Entry(
                            EnumSet.of(HR, DEPARTMENT_HEAD),
                            "/api/v1/tenants/{tenant}/scoring/subjects/EMPLOYEE/e-1/objectives?period=2026-02",
                            "{\"objectives\":[{\"objectiveId\":\"o-1\",\"title\":\"Premium\",\"weight\":100,"
                                    + "\"attainment\":50}]}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/scoring/employees/{employeeId}/reviews",
                    new Entry(
                            EnumSet.of(HR, DEPARTMENT_HEAD),
                            "/api/v1/tenants/{tenant}/scoring/employees/e-1/reviews?period=2026-02",
                            null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/scoring/employees/{employeeId}/reviews",
                    new Entry(
                            EnumSet.of(EMPLOYEE, DEPARTMENT_HEAD, HR, EXECUTIVE),
                            "/api/v1/tenants/{tenant}/scoring/employees/e-1/reviews",
                            "{\"period\":\"2026-02\",\"answers\":{\"teamwork\":4}}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/audit",
                    new Entry(EnumSet.of(AUDITOR), "/api/v1/tenants/{tenant}/audit", null)),
            // Period close over a database without snapshots: freezing March is refused as too early (409),
            // every other admitted request finds no snapshot (404) or an empty list.
            entry("GET /api/v1/tenants/{tenant}/periods/{period}", new Entry(SIGNED_IN, PERIOD, null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/freeze",
                    new Entry(EnumSet.of(HR, ADMINISTRATOR), PERIOD + "/freeze", "{}", 409)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/publish",
                    new Entry(EnumSet.of(HR), PERIOD + "/publish", "{}", 409)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/reopen",
                    new Entry(EnumSet.of(HR), PERIOD + "/reopen", "{\"reason\":\"matrix\"}", 409)),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/snapshot",
                    new Entry(READERS, PERIOD + "/snapshot", null)),
            entry(
                    "PUT /api/v1/tenants/{tenant}/periods/{period}/snapshot",
                    new Entry(EnumSet.of(HR, ADMINISTRATOR), PERIOD + "/snapshot", "{}", 409)),
            entry(
                    "PATCH /api/v1/tenants/{tenant}/periods/{period}/snapshot",
                    new Entry(EnumSet.of(HR, ADMINISTRATOR), PERIOD + "/snapshot", "{}", 409)),
            entry(
                    "DELETE /api/v1/tenants/{tenant}/periods/{period}/snapshot",
                    new Entry(EnumSet.of(HR, ADMINISTRATOR), PERIOD + "/snapshot", null, 409)),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/compare",
                    new Entry(EnumSet.of(HR, EXECUTIVE, AUDITOR), PERIOD + "/compare?from=1&to=2", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/export",
                    new Entry(EnumSet.of(HR, EXECUTIVE, AUDITOR), PERIOD + "/export?format=csv", null)),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/adjustments",
                    new Entry(EnumSet.of(HR, EXECUTIVE, AUDITOR), PERIOD + "/adjustments", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/adjustments",
                    new Entry(EnumSet.of(HR), PERIOD + "/adjustments", "{}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/disputes",
                    new Entry(READERS, PERIOD + "/disputes", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/disputes",
                    new Entry(
                            EnumSet.of(EMPLOYEE, DEPARTMENT_HEAD),
                            PERIOD + "/disputes",
                            "{\"subjectId\":\"e-1\",\"indicator\":\"new_policy_premium\",\"reason\":\"matrix\"}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/disputes/{disputeId}",
                    new Entry(READERS, PERIOD + "/disputes/" + DISPUTE, null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/disputes/{disputeId}/resolution",
                    new Entry(
                            EnumSet.of(HR),
                            PERIOD + "/disputes/" + DISPUTE + "/resolution",
                            "{\"outcome\":\"REJECTED\",\"reason\":\"matrix\"}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/verifications",
                    new Entry(EnumSet.of(HR, EXECUTIVE, AUDITOR), PERIOD + "/verifications", null)),
            entry(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/verifications",
                    new Entry(EnumSet.of(HR), PERIOD + "/verifications", "{\"reason\":\"matrix\"}")),
            entry(
                    "GET /api/v1/tenants/{tenant}/periods/{period}/verifications/{requestId}",
                    new Entry(
                            EnumSet.of(HR, EXECUTIVE, AUDITOR),
                            PERIOD + "/verifications/v-00000000-0000-0000-0000-000000000000",
                            null)));

    static SecuredApi api;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "access_matrix"));
        services = api.services(b -> b);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    /** The app's routes from its router (before/after handlers are not routes). */
    static List<Endpoint> routes(Javalin app) {
        return app.unsafeConfig().pvt.internalRouter.allHttpHandlers().stream()
                .map(ParsedEndpoint::getEndpoint)
                .filter(e -> e.getMethod().isHttpMethod())
                .toList();
    }

    static String key(Endpoint e) {
        return e.getMethod().name() + " " + e.getPath();
    }

    private static String method(String route) {
        return route.substring(0, route.indexOf(' '));
    }

    private static String path(Entry entry, String tenant) {
        return entry.path().replace("{tenant}", tenant);
    }

    @Test
    void everyRegisteredRouteHasAMatrixEntry() {
        SecuredApi.withApp(services, (app, client) -> {
            assertEquals(
                    new TreeSet<>(MATRIX.keySet()),
                    routes(app).stream().map(AccessMatrixTest::key).collect(Collectors.toCollection(TreeSet::new)));
            for (Endpoint e : routes(app)) {
                assertEquals(MATRIX.get(key(e)).allowed(), Set.copyOf(e.getRoles()), key(e));
            }
        });
    }

    @Test
    void everyRoleIsAdmittedOrRefusedAsTheMatrixSays() {
        SecuredApi.withApp(services, (app, client) -> {
            List<String> wrong = new ArrayList<>();
            for (var e : MATRIX.entrySet()) {
                if (e.getValue().allowed().contains(PUBLIC)) {
                    continue;
                }
                for (Role role : SIGNED_IN) {
                    var answer = SecuredApi.send(
                            client,
                            method(e.getKey()),
                            path(e.getValue(), SecuredApi.TENANT),
                            e.getValue().body(),
                            "Authorization",
                            api.bearer(SecuredApi.TENANT, role));
                    boolean admitted = e.getValue().allowed().contains(role);
                    boolean ok = admitted
                            ? answer.status() < 400
                                    || answer.status() == e.getValue().admittedError()
                            : answer.status() == 403 && answer.body().contains("\"FORBIDDEN\"");
                    if (!ok) {
                        wrong.add(e.getKey() + " as " + role + " → " + answer.status() + " " + answer.body());
                    }
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        });
    }

    @Test
    void aPrincipalOfAnotherTenantIsRefusedEveryTenantRouteWhateverItsRoles() {
        SecuredApi.withApp(services, (app, client) -> {
            String allRoles = api.tokens.bearer(SecuredApi.OTHER, "e-1", SIGNED_IN.toArray(Role[]::new));
            List<String> wrong = new ArrayList<>();
            for (var e : MATRIX.entrySet()) {
                // The dashboard's public pages name a tenant in their path but hold no data.
                if (!e.getKey().contains("{tenant}") || e.getValue().allowed().contains(PUBLIC)) {
                    continue;
                }
                var answer = SecuredApi.send(
                        client,
                        method(e.getKey()),
                        path(e.getValue(), SecuredApi.TENANT),
                        e.getValue().body(),
                        "Authorization",
                        allRoles);
                if (answer.status() != 403 || !answer.body().contains("tenant")) {
                    wrong.add(e.getKey() + " → " + answer.status() + " " + answer.body());
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
            var me = SecuredApi.get(client, "/api/v1/auth/me", allRoles).expect(200);
            assertEquals(SecuredApi.OTHER, me.json().path("tenant").asText());
        });
    }

    @Test
    void withoutSignInOnlyPublicRoutesAnswer() {
        SecuredApi.withApp(services, (app, client) -> {
            List<String> wrong = new ArrayList<>();
            for (var e : MATRIX.entrySet()) {
                var answer = SecuredApi.send(
                        client,
                        method(e.getKey()),
                        path(e.getValue(), SecuredApi.TENANT),
                        e.getValue().body());
                boolean publicRoute = e.getValue().allowed().contains(PUBLIC);
                boolean ok = publicRoute
                        ? answer.status() == 200
                        : answer.status() == 401 && answer.header("WWW-Authenticate") != null;
                if (!ok) {
                    wrong.add(e.getKey() + " → " + answer.status() + " " + answer.body());
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        });
    }
}
