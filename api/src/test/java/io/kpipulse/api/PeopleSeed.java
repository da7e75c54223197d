package io.kpipulse.api;

import io.kpipulse.api.auth.LocalIssuer;
import io.kpipulse.api.auth.LocalUser;
import io.kpipulse.api.auth.PasswordHash;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.auth.UserDirectory;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.api.org.ReadModelOrgScope;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tenant with people whose names and pay are known and found nowhere else in the code base, so a test can tell
 * where they went: t-acme (Asia/Shanghai) in March 2026, d-root ─ d-sales (head h-1, members e-1, e-2), d-claims
 * (head c-1), CEO e-0, month-to-date values as the engine writes them, and the newest archived event on
 * 2026-04-01 04:00 in Shanghai (past March + the 2 h grace: March may be frozen). The API runs at
 * {@link #CLOCK} with the org reader's scope, as ApiMain wires it, and the built-in issuer's user
 * {@code t-acme/admin} (password {@value #PASSWORD}).
 */
final class PeopleSeed {

    static final String TENANT = "t-acme";
    static final String PASSWORD = "demo-password-2";
    /** 2026-04-02 10:00 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-02T02:00:00Z"), ZoneOffset.UTC);

    /** Employee id → name, and → base pay as the API writes it. */
    static final Map<String, String> NAMES = Map.of(
            "e-0", "Cordelia Vantongeren",
            "h-1", "Bartholomew Quistgaard",
            "e-1", "Philippa Oyelaran",
            "e-2", "欧阳翠芬",
            "c-1", "Ignatius Fairweather");

    static final Map<String, String> BASE_PAY = Map.of(
            "e-0", "61234.57",
            "h-1", "35417.83",
            "e-1", "8123.41",
            "e-2", "9274.19",
            "c-1", "17381.29");

    /** Who each role's test caller may see the personal data of (the department head h-1: d-sales). */
    static final Map<Role, Set<String>> MAY_SEE = Map.of(
            Role.EXECUTIVE, NAMES.keySet(),
            Role.HR, NAMES.keySet(),
            Role.AUDITOR, NAMES.keySet(),
            Role.DEPARTMENT_HEAD, Set.of("h-1", "e-1", "e-2"),
            Role.EMPLOYEE, Set.of("e-1"),
            Role.ADMINISTRATOR, Set.of());

    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();

    private static final String START = "'2026-02-28 16:00:00.000'";

    final ClickHouseConnector connector;
    final TestTokens tokens = new TestTokens(CLOCK);

    private PeopleSeed(ClickHouseConnector connector) {
        this.connector = connector;
    }

    static PeopleSeed create(ClickHouseExtension clickhouse, String prefix) throws SQLException {
        String db = clickhouse.freshDatabase(prefix);
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        PeopleSeed seed = new PeopleSeed(connector);
        List<String> personal = new ArrayList<>();
        int offset = 10;
        for (String id : List.of("e-0", "h-1", "e-1", "e-2", "c-1")) {
            personal.add("('t-acme','" + id + "'," + START + ",'" + NAMES.get(id) + "'," + BASE_PAY.get(id)
                    + ",'2020-01-01','ev-p" + id + "'," + offset++ + ")");
        }
        seed.execute(
                "INSERT INTO org_department_lines VALUES"
                        + "('t-acme','d-root'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                        + "('t-acme','d-sales'," + START
                        + ",'CREATED','寿险销售一部','d-root','FRONT_LINE','LIFE_SALES','ev-d2',2),"
                        + "('t-acme','d-claims'," + START
                        + ",'CREATED','理赔部','d-root','FRONT_LINE','CLAIMS','ev-d3',3)",
                "INSERT INTO org_employee_lines VALUES"
                        + "('t-acme','e-0'," + START + ",'HIRED','d-root','CEO','','2015-01-05','ev-h0',10),"
                        + "('t-acme','h-1'," + START
                        + ",'HIRED','d-sales','Head of Sales','e-0','2018-03-01','ev-h1',11),"
                        + "('t-acme','e-1'," + START + ",'HIRED','d-sales','Agent','h-1','2020-06-01','ev-h2',12),"
                        + "('t-acme','e-2'," + START + ",'HIRED','d-sales','Agent','h-1','2021-06-01','ev-h3',13),"
                        + "('t-acme','c-1'," + START
                        + ",'HIRED','d-claims','Head of Claims','e-0','2019-01-01','ev-h4',14)",
                "INSERT INTO org_employee_personal VALUES" + String.join(",", personal),
                "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                        + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                        + " last_event_time, catalog_version, version, updated_at) VALUES "
                        + value("EMPLOYEE", "e-1", "12345.67", "0.205761") + ","
                        + value("EMPLOYEE", "e-2", "50000.10", "0.833335") + ","
                        + value("DEPARTMENT", "d-sales", "62345.77", "NULL"),
                "INSERT INTO raw_events (tenant_id, event_type, event_id, event_time, source_system, employee_id,"
                        + " department_id, schema_fingerprint, payload_json, payload_avro, kafka_topic, kafka_partition,"
                        + " kafka_offset, ingested_at) VALUES "
                        + raw("ev-1", "2026-03-10 02:00:00.000", "e-1", 1)
                        + ","
                        // 2026-04-01 04:00 in Shanghai: the engine is past the end of March + 2 h.
                        + raw("ev-2", "2026-03-31 20:00:00.000", "e-2", 2));
        return seed;
    }

    private static String value(String type, String id, String value, String attainment) {
        return "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','" + type + "','" + id + "',"
                + value + "," + value + ",NULL,60000," + attainment + ",3,'2026-03-14 02:00:00.000',1,30,"
                + "'2026-03-14 02:00:01.000')";
    }

    private static String raw(String id, String utcTime, String employee, long offset) {
        return "('t-acme','policy.PolicyIssued','" + id + "','" + utcTime + "','policy','" + employee
                + "','d-sales',1,'{\"premium\":\"1000.00\"}','','kpi.events.policy',0," + offset + ",'" + utcTime
                + "')";
    }

    Connections connections() {
        return connector::open;
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    long count(String sql) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The API's services over this database: test-key tokens, the org reader's scope, the built-in issuer. */
    ApiServices services(io.kpipulse.api.alerts.RulePublication alertRules) {
        TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]");
        ReadModelOrgScope org = new ReadModelOrgScope(
                new OrgReader(connections()), new TenantDirectory(tenants, CLOCK), System::nanoTime);
        UserDirectory users = new UserDirectory(List.of(new LocalUser(
                TENANT,
                "admin",
                PasswordHash.hash(PASSWORD.toCharArray(), new SecureRandom(), 1_000),
                Set.of(Role.ADMINISTRATOR),
                null)));
        LocalIssuer issuer = new LocalIssuer(
                LocalIssuer.generateKey(), "urn:kpi-pulse:local", TestTokens.AUDIENCE, Duration.ofMinutes(15), CLOCK);
        SecurityServices security = SecurityServices.builder(connections(), ApiJson.mapper(), CLOCK)
                .verifier(tokens.verifier())
                .localLogin(new SecurityServices.LocalLogin(users, issuer))
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .org(org)
                .build();
        ApiServices services = ApiServices.builder(connections(), tenants, () -> CATALOG, CLOCK, security)
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
        return services.withAlerts(
                io.kpipulse.api.alerts.AlertServices.over(connections(), alertRules, services.alerts().stream()));
    }

    /** The employee id the test caller of {@code role} has. */
    static String employeeOf(Role role) {
        return switch (role) {
            case EMPLOYEE -> "e-1";
            case DEPARTMENT_HEAD -> "h-1";
            case HR -> "e-hr";
            default -> null;
        };
    }

    String bearer(Role role) {
        return tokens.bearer(TENANT, employeeOf(role), role);
    }
}
