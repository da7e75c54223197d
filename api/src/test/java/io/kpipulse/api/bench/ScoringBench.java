package io.kpipulse.api.bench;

import io.javalin.Javalin;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestSecurity;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.storage.ConnectionPool;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.Perspective;
import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.ScoreBook;
import io.kpipulse.scoring.card.ScoreCalculator;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.card.ScorecardItem;
import io.kpipulse.scoring.rules.LinearRule;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scoring benchmark (not a test; run by deploy/bench/scoring-bench.sh): 10,000 employees in 100 departments,
 * one scorecard of 40 indicators for all of them, March month-to-date values seeded into a local ClickHouse.
 * Reports (1) the arithmetic alone: scoring 10,000 × 40 items in memory, (2) on read: {@link ScoreBook#all}
 * for the whole tenant, values through the reader, and (3) the API latency of one department's score table
 * (100 employees, distribution included), sequential requests after a warm-up.
 */
public final class ScoringBench {

    static final String TENANT = "t-bench";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 20);
    static final int INDICATORS = 40;

    private final int employees;
    private final int requests;

    ScoringBench(int employees, int requests) {
        this.employees = employees;
        this.requests = requests;
    }

    public static void main(String[] argv) throws Exception {
        int employees = 10_000;
        int requests = 50;
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--employees" -> employees = Integer.parseInt(argv[++i]);
                case "--requests" -> requests = Integer.parseInt(argv[++i]);
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        int status = 0;
        try {
            new ScoringBench(employees, requests).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the local ClickHouse and HTTP client threads are not all daemons
    }

    static List<String> indicators() {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= INDICATORS; i++) {
            ids.add(String.format("bench_indicator_%02d", i));
        }
        return ids;
    }

    /** 40 items of 1.75 points each (70), linear to a target of 50,000. */
    static Scorecard card() {
        List<ScorecardItem> items = new ArrayList<>();
        for (String id : indicators()) {
            items.add(new ScorecardItem(
                    id,
                    Perspective.FINANCIAL,
                    new BigDecimal("1.75"),
                    new LinearRule(new BigDecimal("50000"), null, new BigDecimal("1.2"), null)));
        }
        Scorecard card = new Scorecard("bench", "Bench", null, items, null);
        card.validate();
        return card;
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("kpi-scoring-bench-");
        try (LocalClickHouseServer clickHouse = LocalClickHouseServer.builder()
                .port(0)
                .dataDir(work.resolve("clickhouse"))
                .start()) {
            ClickHouseConnector connector =
                    new ClickHouseConnector(clickHouse.jdbcUrl(), "kpi_scoring_bench", "default", "", true);
            try (Connection c = connector.openWithoutDatabase();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS kpi_scoring_bench");
            }
            connector.migrator().migrate();
            long t0 = System.nanoTime();
            seed(connector);
            log(String.format(
                    "seeded %,d employees × %d indicators in %.1f s",
                    employees, INDICATORS, (System.nanoTime() - t0) / 1e9));
            Clock clock = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
            try (ConnectionPool pool = new ConnectionPool(connector, 16, Duration.ofSeconds(30))) {
                ScoringStore store = new ScoringStore(pool, clock);
                store.saveTemplate(TENANT, card(), LocalDate.of(2026, 1, 1), "bench");
                store.assign(
                        TENANT,
                        AssignmentTarget.DEPARTMENT,
                        List.of("d-root"),
                        "bench",
                        LocalDate.of(2026, 1, 1),
                        "bench");
                arithmetic();
                onRead(new ScoreBook(
                        new IndicatorValueReader(pool, ValueReadStrategy.FINAL, CatalogYaml::templateLibrary),
                        new OrgReader(pool),
                        store));
                api(pool, clock);
            }
        }
    }

    private void seed(ClickHouseConnector connector) throws Exception {
        String ids =
                String.join(",", indicators().stream().map(i -> "'" + i + "'").toList());
        String employee = "concat('e-', leftPad(toString(number), 5, '0'))";
        String department = "concat('d-', leftPad(toString(number % 100), 3, '0'))";
        String start = "'2026-02-28 16:00:00.000'";
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines VALUES ('" + TENANT + "','d-root'," + start
                    + ",'CREATED','Root','','SUPPORT','EXECUTIVE','ev-root',1)");
            s.execute("INSERT INTO org_department_lines SELECT '" + TENANT + "', "
                    + department.replace("number % 100", "number")
                    + ", " + start
                    + ", 'CREATED', concat('Dept ', toString(number)), 'd-root', 'FRONT_LINE', 'LIFE_SALES',"
                    + " concat('ev-d', toString(number)), 2 + number FROM numbers(100)");
            s.execute("INSERT INTO org_employee_lines SELECT '" + TENANT + "', " + employee + ", " + start
                    + ", 'HIRED', "
                    + department + ", 'Agent', '', toDate('2024-01-02'), concat('ev-e', toString(number)), 200 + number"
                    + " FROM numbers(" + employees + ")");
            s.execute("INSERT INTO org_employee_personal SELECT '" + TENANT + "', " + employee + ", " + start
                    + ", concat('员工', toString(number)), toDecimal64(8000 + number % 5000, 2), toDate('2024-01-02'),"
                    + " concat('ev-e', toString(number)), 200 + number FROM numbers(" + employees + ")");
            s.execute("INSERT INTO manager_ratings SELECT '" + TENANT + "', " + employee + ", '2026-03', 1,"
                    + " toDecimal64(number % 101, 2), toDecimal64(100, 2), 'bench', now64(3) FROM numbers(" + employees
                    + ")");
            s.execute(
                    "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version, updated_at) SELECT '"
                            + TENANT
                            + "', ind, 'MONTH_TO_DATE', toDate('2026-03-01'),"
                            + " toDate('2026-03-31'), 'EMPLOYEE', " + employee + " AS subject,"
                            + " toDecimal128(cityHash64(ind, subject) % 8000000, 6) / 100 AS v, v, NULL, NULL, NULL, 2,"
                            + " now64(3), 1, 1, now64(3) FROM numbers(" + employees + ") ARRAY JOIN [" + ids
                            + "] AS ind");
        }
    }

    /** The arithmetic alone: every employee's 40 items scored from values already in memory. */
    private void arithmetic() {
        Scorecard card = card();
        List<Map<String, BigDecimal>> values = new ArrayList<>();
        for (int e = 0; e < employees; e++) {
            Map<String, BigDecimal> v = new HashMap<>();
            for (String id : indicators()) {
                v.put(
                        id,
                        BigDecimal.valueOf((long) (id.hashCode() * 31 + e) % 8_000_000, 2)
                                .abs());
            }
            values.add(v);
        }
        double best = Double.MAX_VALUE;
        for (int run = 0; run < 5; run++) {
            long t = System.nanoTime();
            BigDecimal total = BigDecimal.ZERO;
            for (Map<String, BigDecimal> v : values) {
                total = total.add(
                        ScoreCalculator.score(card, v, Optional.empty()).composite());
            }
            best = Math.min(best, (System.nanoTime() - t) / 1e6);
            if (total.signum() < 0) {
                throw new IllegalStateException("unreachable: keeps the loop from being optimised away");
            }
        }
        log(String.format(
                "arithmetic: %,d employees × %d items scored in %.0f ms (best of 5)", employees, INDICATORS, best));
    }

    /** On read: the whole tenant through ScoreBook (org, definitions, values through the reader, ratings, pay). */
    private void onRead(ScoreBook book) {
        List<Double> times = new ArrayList<>();
        int scored = 0;
        for (int run = 0; run < 3; run++) {
            long t = System.nanoTime();
            List<EmployeeResult> all = book.all(TENANT, ZONE, Period.parse("2026-03"), TODAY);
            times.add((System.nanoTime() - t) / 1e6);
            scored = (int) all.stream().filter(r -> r.card() != null).count();
        }
        log(String.format(
                "on read: ScoreBook.all scored %,d employees × %d indicators in %s ms (3 runs)",
                scored, INDICATORS, times));
    }

    /** A department's score table over HTTP: sequential requests after a warm-up, p50 / p90 / max. */
    private void api(ConnectionPool pool, Clock clock) throws Exception {
        IndicatorCatalog catalog = CatalogYaml.templateLibrary();
        TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: " + TENANT + ", zone: Asia/Shanghai}]");
        TestTokens tokens = new TestTokens(clock);
        try (ApiServices services = ApiServices.builder(
                        pool, tenants, () -> catalog, clock, TestSecurity.services(pool, clock, tokens))
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build()) {
            Javalin app = ApiApp.create(services, ApiConfig.forTests()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                String bearer = tokens.bearer(TENANT, null, Role.EXECUTIVE);
                List<Double> times = new ArrayList<>();
                for (int i = 0; i < requests + 5; i++) {
                    String dept = String.format("d-%03d", i % 100);
                    HttpRequest request = HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + app.port() + "/api/v1/tenants/" + TENANT
                                            + "/scoring/departments/" + dept + "/scores?period=2026-03"))
                            .header("Authorization", bearer)
                            .build();
                    long t = System.nanoTime();
                    HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
                    double ms = (System.nanoTime() - t) / 1e6;
                    if (answer.statusCode() != 200) {
                        throw new IllegalStateException(
                                "score table answered " + answer.statusCode() + ": " + answer.body());
                    }
                    if (i >= 5) {
                        times.add(ms);
                    }
                }
                times.sort(Double::compare);
                log(String.format(
                        "API: department score table (%d employees × %d indicators), %d sequential requests:"
                                + " p50 %.0f ms, p90 %.0f ms, max %.0f ms",
                        employees / 100,
                        INDICATORS,
                        times.size(),
                        times.get(times.size() / 2),
                        times.get((int) Math.ceil(times.size() * 0.9) - 1),
                        times.get(times.size() - 1)));
            } finally {
                app.stop();
            }
        }
    }

    private static void log(String line) {
        System.out.println("[scoring-bench] " + line);
    }
}
