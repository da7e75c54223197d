package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.testtools.HttpClient;
import io.javalin.testtools.JavalinTest;
import io.kpipulse.api.auth.InMemoryOrg;
import io.kpipulse.api.auth.LocalIssuer;
import io.kpipulse.api.auth.LocalUser;
import io.kpipulse.api.auth.PasswordHash;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.auth.UserDirectory;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * The secured API over the seeded ClickHouse for the security tests: test-key tokens, the built-in issuer
 * with users {@code t-acme/admin} and {@code t-acme/head} (password {@value #PASSWORD}), and a hand-built
 * org: h-1 heads d-sales (e-1 … e-6) until {@link #MOVE}, then d-claims (c-1, c-2).
 */
final class SecuredApi {

    static final String TENANT = SeededClickHouse.TENANT;
    static final String OTHER = SeededClickHouse.OTHER_TENANT;
    static final String BASE = "/api/v1/tenants/" + TENANT;
    static final String PASSWORD = "demo-password-1";
    static final LocalDate MOVE = LocalDate.of(2026, 3, 10);
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-20T02:00:00Z"), ZoneOffset.UTC);
    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    static final TenantRegistry TENANTS =
            TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}, {id: t-other}]");
    static final ObjectMapper JSON = new ObjectMapper();
    static final MediaType JSON_TYPE = MediaType.get("application/json");

    final SeededClickHouse seeded;
    final TestTokens tokens = new TestTokens(CLOCK);
    final InMemoryOrg org;

    SecuredApi(SeededClickHouse seeded) {
        this.seeded = seeded;
        LocalDate start = LocalDate.of(2020, 1, 1);
        InMemoryOrg o = new InMemoryOrg(TENANT)
                .parent("d-sales", "d-root", start, null)
                .parent("d-claims", "d-root", start, null)
                .head("h-1", "d-sales", start, MOVE)
                .head("h-1", "d-claims", MOVE, null)
                .member("c-1", "d-claims", start, null)
                .member("c-2", "d-claims", start, null);
        for (String e : List.of("e-1", "e-2", "e-3", "e-4", "e-6")) {
            o.member(e, "d-sales", start, null);
        }
        this.org = o;
    }

    /** Services with a disabled rate limiter unless the builder step sets one. */
    ApiServices services(UnaryOperator<SecurityServices.Builder> customise) {
        SecureRandom random = new SecureRandom();
        UserDirectory users = new UserDirectory(List.of(
                new LocalUser(
                        TENANT,
                        "admin",
                        PasswordHash.hash(PASSWORD.toCharArray(), random, 1_000),
                        Set.of(Role.ADMINISTRATOR),
                        null),
                new LocalUser(
                        TENANT,
                        "head",
                        PasswordHash.hash(PASSWORD.toCharArray(), random, 1_000),
                        Set.of(Role.DEPARTMENT_HEAD),
                        "h-1")));
        LocalIssuer issuer = new LocalIssuer(
                LocalIssuer.generateKey(), "urn:kpi-pulse:local", TestTokens.AUDIENCE, Duration.ofMinutes(15), CLOCK);
        SecurityServices.Builder builder = SecurityServices.builder(seeded.connections(), ApiJson.mapper(), CLOCK)
                .verifier(tokens.verifier())
                .localLogin(new SecurityServices.LocalLogin(users, issuer))
                .org(org)
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime));
        return ApiServices.builder(
                        seeded.connections(),
                        TENANTS,
                        () -> CATALOG,
                        CLOCK,
                        customise.apply(builder).build())
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** The employee id a person of {@code role} has in the test org. */
    static String employeeOf(Role role) {
        return switch (role) {
            case EMPLOYEE -> "e-1";
            case DEPARTMENT_HEAD -> "h-1";
            default -> null;
        };
    }

    String bearer(String tenant, Role role) {
        return tokens.bearer(tenant, employeeOf(role), role);
    }

    @FunctionalInterface
    interface HttpTest {
        void run(Javalin app, HttpClient client) throws Exception;
    }

    static void withApp(ApiServices services, HttpTest body) {
        Javalin app = ApiApp.create(services, ApiConfig.forTests());
        JavalinTest.test(app, (server, client) -> body.run(server, client));
    }

    /** A request and its answer, the body read once. */
    record Answer(int status, String body, Response response) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        String header(String name) {
            return response.header(name);
        }

        Answer expect(int expected) {
            assertEquals(expected, status, body);
            return this;
        }
    }

    static Answer send(HttpClient client, String method, String path, String body, String... headers)
            throws IOException {
        Request.Builder b = new Request.Builder().url(client.getOrigin() + path);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(
                method,
                body == null
                        ? (method.equals("POST") ? RequestBody.create("", JSON_TYPE) : null)
                        : RequestBody.create(body, JSON_TYPE));
        try (Response r = client.request(b.build())) {
            return new Answer(r.code(), r.body() == null ? "" : r.body().string(), r);
        }
    }

    static Answer get(HttpClient client, String path, String authorization) throws IOException {
        return authorization == null
                ? send(client, "GET", path, null)
                : send(client, "GET", path, null, "Authorization", authorization);
    }

    /** Audit rows of the tenant with this action and outcome (and actor, when given). */
    long auditCount(String action, String outcome, String actor) throws SQLException {
        try (Connection c = seeded.connector().open();
                PreparedStatement ps = c.prepareStatement("SELECT count() FROM audit_log WHERE tenant_id = ?"
                        + " AND action = ? AND outcome = ? AND (? = '' OR actor = ?)")) {
            ps.setString(1, TENANT);
            ps.setString(2, action);
            ps.setString(3, outcome);
            ps.setString(4, actor == null ? "" : actor);
            ps.setString(5, actor == null ? "" : actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Every stored column of the audit log as text, to prove no secret ever landed in it. */
    String auditDump() throws SQLException {
        StringBuilder out = new StringBuilder();
        try (Connection c = seeded.connector().open();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT concat(actor, ' ', action, ' ', target, ' ', before_json, ' ', after_json) FROM audit_log");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        }
        return out.toString();
    }
}
