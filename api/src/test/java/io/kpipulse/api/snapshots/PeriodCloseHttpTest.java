package io.kpipulse.api.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.auth.RateLimiter;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.api.org.ReadModelOrgScope;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.InstanceValue;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.ScoreBook;
import io.kpipulse.scoring.json.DefinitionJson;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.CanonicalForm;
import io.kpipulse.snapshots.FrozenSnapshotException;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import io.kpipulse.tenants.TenantRegistry;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Period close over real HTTP, the real ClickHouse engine and the real org reader (scope as ApiMain wires it):
 * March 2026 of {@link CloseSeed}. Each test closes its own period, or copies March's values into it, so the
 * tests do not depend on each other's order.
 */
class PeriodCloseHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    /** 2026-04-02 10:00 in Shanghai. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-02T02:00:00Z"), ZoneOffset.UTC);
    /** Integrity checks made by the test, so each one is recorded a second after the previous. */
    static final AtomicLong CHECKS = new AtomicLong();

    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();
    static CloseSeed seed;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        seed = CloseSeed.create(CLICKHOUSE, "api_close");
        TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]");
        ReadModelOrgScope org = new ReadModelOrgScope(
                new OrgReader(seed.connections()), new TenantDirectory(tenants, CLOCK), System::nanoTime);
        SecurityServices security = SecurityServices.builder(seed.connections(), ApiJson.mapper(), CLOCK)
                .verifier(TOKENS.verifier())
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .org(org)
                .build();
        services = ApiServices.builder(seed.connections(), tenants, () -> CATALOG, CLOCK, security)
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @FunctionalInterface
    interface Body {
        void run(CloseClient client) throws Exception;
    }

    static void withApp(Body body) {
        JavalinTest.test(
                ApiApp.create(services, ApiConfig.forTests()),
                (server, client) -> body.run(new CloseClient(client, TOKENS)));
    }

    static JsonNode freeze(CloseClient c, String period, int expected) throws Exception {
        return c.post(period + "/freeze", "{}", "e-hr", Role.HR)
                .expect(expected)
                .json();
    }

    @Test
    void freezeEqualsTheLiveValuesAtFreezeAndRepeatingItIsIdempotent() throws Exception {
        withApp(c -> {
            JsonNode frozen = freeze(c, "2026-03", 201);
            assertEquals(1, frozen.path("version").asInt());
            assertEquals("FROZEN", frozen.path("status").asText());
            assertFalse(frozen.path("forced").asBoolean());
            // The event-log position: every event before April in Shanghai, newest offset per partition.
            assertEquals(2, frozen.path("eventLog").path("events").asLong());
            assertEquals(
                    1,
                    frozen.path("eventLog")
                            .path("offsets")
                            .path("kpi.events.policy/0")
                            .asLong());
            assertEquals(
                    1,
                    frozen.path("eventLog")
                            .path("offsets")
                            .path("kpi.events.policy/1")
                            .asLong());

            JsonNode again = freeze(c, "2026-03", 200);
            assertEquals(
                    frozen.path("snapshotId").asText(), again.path("snapshotId").asText());
            assertEquals(
                    frozen.path("contentHash").asText(),
                    again.path("contentHash").asText());

            JsonNode snapshot =
                    c.get("2026-03/snapshot", "e-hr", Role.HR).expect(200).json();
            IndicatorValueReader live = new IndicatorValueReader(
                    seed.connections(), ValueReadStrategy.ARG_MAX, CatalogYaml::templateLibrary);
            Set<String> subjects = new HashSet<>();
            for (JsonNode line : snapshot.path("lines")) {
                SubjectType type = SubjectType.valueOf(line.path("subjectType").asText());
                String id = line.path("subjectId").asText();
                subjects.add(type + "/" + id);
                Map<String, InstanceValue> expected = live.values(
                        "t-acme", kept(type), WindowType.MONTH_TO_DATE, LocalDate.of(2026, 3, 15), type, id);
                assertEquals(expected.keySet(), setOf(line.path("values").fieldNames()), id);
                expected.forEach((indicator, v) -> {
                    JsonNode frozenValue = line.path("values").path(indicator);
                    assertEquals(CanonicalForm.decimal(v.current().value()), text(frozenValue.path("value")), id);
                    assertEquals(
                            CanonicalForm.decimal(v.current().numerator()), text(frozenValue.path("numerator")), id);
                    assertEquals(
                            v.current().eventCount(),
                            frozenValue.path("eventCount").asLong(),
                            id);
                });
            }
            // Every employee and department of the org at the end of March, and e-9 who left with figures.
            assertEquals(
                    Set.of(
                            "EMPLOYEE/e-0",
                            "EMPLOYEE/h-1",
                            "EMPLOYEE/e-1",
                            "EMPLOYEE/e-2",
                            "EMPLOYEE/c-1",
                            "EMPLOYEE/e-9",
                            "DEPARTMENT/d-root",
                            "DEPARTMENT/d-sales",
                            "DEPARTMENT/d-claims"),
                    subjects);
            JsonNode e1 = line(snapshot, "e-1");
            assertEquals(
                    "12345.67",
                    e1.path("values").path("new_policy_premium").path("value").asText());
            assertEquals(
                    "0.205761",
                    e1.path("values")
                            .path("new_policy_premium")
                            .path("attainment")
                            .asText());
            assertTrue(
                    e1.path("values").path("lead_conversion_rate").path("value").isNull());
            assertEquals("d-sales", e1.path("departmentId").asText());
            assertEquals("8000.5", e1.path("basePay").asText());
            // No scorecard applies to March: the columns exist and stay empty rather than showing made-up figures.
            assertTrue(e1.path("score").isNull());
            assertTrue(e1.path("performancePay").isNull());
            assertEquals("", line(snapshot, "e-9").path("departmentId").asText());

            // The content hash is SHA-256 of the canonical form of exactly the stored lines.
            SnapshotStore store = new SnapshotStore(seed.connections());
            StoredSnapshot stored =
                    store.latest("t-acme", Period.parse("2026-03")).orElseThrow();
            assertEquals(
                    frozen.path("contentHash").asText(),
                    stored.content(store.lines(stored)).hash());
            assertEquals(64, stored.contentHash().length());
            assertEquals(
                    1,
                    seed.count(
                            "SELECT count() FROM audit_log WHERE action = 'snapshot.freeze' AND target = '2026-03'"));
        });
    }

    @Test
    void frozenSnapshotRejectsUpdatesAndTheAttemptIsAudited() throws Exception {
        copyMarchInto("2026-05-01", "2026-05-31");
        withApp(c -> {
            JsonNode frozen = c.post(
                            "2026-05/freeze", "{\"force\": true, \"reason\": \"audit rehearsal\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            assertTrue(frozen.path("forced").asBoolean());
            for (String method : List.of("PUT", "PATCH", "DELETE")) {
                CloseClient.Answer refused =
                        c.send(method, "2026-05/snapshot", method.equals("DELETE") ? null : "{}", "e-hr", Role.HR);
                assertEquals(409, refused.status());
                assertEquals(
                        "SNAPSHOT_FROZEN",
                        refused.json().path("error").path("code").asText());
            }
            assertEquals(
                    3,
                    seed.count(
                            "SELECT count() FROM audit_log WHERE action = 'snapshot.update' AND outcome = 'DENIED'"));
            // The store refuses a second write of a frozen version, whoever calls it.
            SnapshotStore store = new SnapshotStore(seed.connections());
            StoredSnapshot stored =
                    store.latest("t-acme", Period.parse("2026-05")).orElseThrow();
            SnapshotContent content = stored.content(store.lines(stored));
            assertThrows(
                    FrozenSnapshotException.class,
                    () -> store.write(
                            stored,
                            content,
                            new Transition(
                                    "t-acme",
                                    "2026-05",
                                    stored.snapshotId(),
                                    1,
                                    Transition.Kind.FROZEN,
                                    "x",
                                    CLOCK.instant(),
                                    "")));
            assertEquals(
                    stored.contentHash(),
                    store.latest("t-acme", Period.parse("2026-05"))
                            .orElseThrow()
                            .content(store.lines(stored))
                            .hash());
        });
    }

    @Test
    void freezingBeforeTheEngineIsPastTheEndPlusGraceNeedsForceAndAReason() throws Exception {
        withApp(c -> {
            JsonNode status = c.get("2026-12", "e-hr", Role.HR).expect(200).json();
            assertEquals("OPEN", status.path("status").asText());
            assertFalse(status.path("readiness").path("freezable").asBoolean());
            assertEquals(
                    "2026-12-31T18:00:00Z",
                    status.path("readiness").path("freezableFrom").asText());
            CloseClient.Answer early =
                    c.post("2026-12/freeze", "{}", "e-hr", Role.HR).expect(409);
            assertEquals("NOT_READY", early.json().path("error").path("code").asText());
            c.post("2026-12/freeze", "{\"force\": true}", "e-hr", Role.HR).expect(400);
            assertEquals(
                    1,
                    seed.count("SELECT count() FROM audit_log WHERE action = 'snapshot.freeze' AND outcome = 'DENIED'"
                            + " AND target = '2026-12'"));
            assertTrue(c.get("2026-03", "e-hr", Role.HR)
                    .expect(200)
                    .json()
                    .path("readiness")
                    .path("freezable")
                    .asBoolean());
            c.post("2026-12/freeze", "{}", "e-1", Role.EMPLOYEE).expect(403);
            c.get("2026-13", "e-hr", Role.HR).expect(400);
        });
    }

    @Test
    void aRunningFreezeReportsItsProgressToAnotherApiProcessAndItsEndAfterwards() throws Exception {
        copyMarchInto("2027-04-01", "2027-04-30");
        // Enough figures (5,000 more employees × 4 indicators) that the freeze runs long enough to be watched.
        seed.execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                + " last_event_time, catalog_version, version, updated_at) SELECT 't-acme', ind, 'MONTH_TO_DATE',"
                + " toDate('2027-04-01'), toDate('2027-04-30'), 'EMPLOYEE', concat('p-', toString(number)),"
                + " toDecimal128(number, 6), NULL, NULL, NULL, NULL, 1, toDateTime64('2027-04-20 08:00:00', 3, 'UTC'),"
                + " 1, 1, now64(3) FROM numbers(5000) ARRAY JOIN ['new_policy_premium', 'claim_cycle_time',"
                + " 'policies_issued', 'lead_conversion_rate'] AS ind");
        // A second API process over the same database: it never ran the freeze, so it can only show what is stored.
        ApiServices other = ApiServices.builder(
                        seed.connections(),
                        TenantRegistry.parse("tenants: [{id: t-acme, name: Acme Life, zone: Asia/Shanghai}]"),
                        () -> CATALOG,
                        CLOCK,
                        services.security())
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
        try {
            JavalinTest.test(ApiApp.create(other, ApiConfig.forTests()), (otherServer, otherClient) -> {
                CloseClient watcher = new CloseClient(otherClient, TOKENS);
                JsonNode before = watcher.get("2027-04", "e-exec", Role.EXECUTIVE)
                        .expect(200)
                        .json();
                assertTrue(before.path("lastFreeze").isNull(), before.toString());
                withApp(c -> {
                    ExecutorService pool = Executors.newSingleThreadExecutor();
                    Future<JsonNode> frozen = pool.submit(() -> c.post(
                                    "2027-04/freeze", "{\"force\": true, \"reason\": \"watched\"}", "e-hr", Role.HR)
                            .expect(201)
                            .json());
                    Set<String> phasesSeen = new java.util.LinkedHashSet<>();
                    while (!frozen.isDone()) {
                        JsonNode status = watcher.get("2027-04", "e-exec", Role.EXECUTIVE)
                                .expect(200)
                                .json();
                        JsonNode running = status.path("freezing");
                        if (!running.isNull()) {
                            assertEquals(
                                    "RUNNING",
                                    status.path("lastFreeze").path("state").asText(),
                                    status.toString());
                            assertEquals(
                                    running.path("phase").asText(),
                                    status.path("lastFreeze").path("phase").asText());
                            phasesSeen.add(running.path("phase").asText());
                        }
                    }
                    JsonNode snapshot = frozen.get();
                    pool.shutdown();
                    assertFalse(phasesSeen.isEmpty(), "the other process saw the freeze running");
                    assertTrue(
                            Set.of(
                                            "starting",
                                            "employee values",
                                            "org and department values",
                                            "scored",
                                            "writing lines")
                                    .containsAll(phasesSeen),
                            phasesSeen.toString());
                    JsonNode after = watcher.get("2027-04", "e-exec", Role.EXECUTIVE)
                            .expect(200)
                            .json();
                    assertTrue(after.path("freezing").isNull(), after.toString());
                    JsonNode last = after.path("lastFreeze");
                    assertEquals("DONE", last.path("state").asText(), last.toString());
                    assertEquals("frozen", last.path("phase").asText());
                    assertEquals(1, last.path("version").asInt());
                    assertEquals(
                            snapshot.path("frozenBy").asText(),
                            last.path("actor").asText());
                    assertEquals("FROZEN", after.path("status").asText());
                    // Every phase was stored as it was reached, in order, the line writes counted up to every line.
                    assertEquals(
                            List.of(
                                    "starting",
                                    "employee values",
                                    "org and department values",
                                    "scored",
                                    "writing lines",
                                    "frozen"),
                            seed.strings("SELECT phase FROM snapshot_freeze_progress WHERE tenant_id = 't-acme'"
                                    + " AND period = '2027-04' GROUP BY phase ORDER BY min(seq)"));
                });
            });
        } finally {
            other.close();
        }
    }

    @Test
    void parallelFreezesGiveExactlyOneSnapshot() throws Exception {
        copyMarchInto("2026-06-01", "2026-06-30");
        withApp(c -> {
            int n = 8;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<CloseClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<CloseClient.Answer> freeze = () -> {
                    go.await();
                    return c.post("2026-06/freeze", "{\"force\": true, \"reason\": \"race\"}", "e-hr", Role.HR);
                };
                answers.add(pool.submit(freeze));
            }
            go.countDown();
            Set<String> ids = new HashSet<>();
            int created = 0;
            for (Future<CloseClient.Answer> f : answers) {
                CloseClient.Answer a = f.get();
                assertTrue(a.status() == 201 || a.status() == 200, a.text());
                created += a.status() == 201 ? 1 : 0;
                ids.add(a.json().path("snapshotId").asText() + " "
                        + a.json().path("contentHash").asText());
            }
            pool.shutdown();
            assertEquals(1, created);
            assertEquals(1, ids.size());
            assertEquals(1, seed.count("SELECT count() FROM snapshots WHERE period = '2026-06'"));
            String id = ids.iterator().next().split(" ")[0];
            assertEquals(9, seed.count("SELECT count() FROM snapshot_lines WHERE snapshot_id = '" + id + "'"));
        });
    }

    @Test
    void aLateEventAfterTheFreezeBecomesAnAdjustmentAndTheHashStays() throws Exception {
        copyMarchInto("2026-07-01", "2026-07-31");
        withApp(c -> {
            JsonNode frozen = c.post("2026-07/freeze", "{\"force\": true, \"reason\": \"ledger\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            // After the freeze (2026-04-02T02:00Z) the engine counts one more sale of 500.00 for e-1 in July.
            seed.execute(
                    valueIn("2026-07-01", "2026-07-31", "e-1", "12845.67", 4, 40),
                    CloseSeed.RAW
                            + "('t-acme','policy.PolicyIssued','ev-late','2026-07-20 02:00:00.000','policy','e-1',"
                            + "'d-sales',1,'{}','','kpi.events.policy',0,9,'2026-04-02 03:00:00.000')");
            JsonNode reconciled = c.post("2026-07/adjustments", "{}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            assertEquals(1, reconciled.path("added").size(), reconciled.toString());
            JsonNode a = reconciled.path("added").get(0);
            assertEquals("e-1", a.path("subjectId").asText());
            assertEquals("new_policy_premium", a.path("indicator").asText());
            assertEquals("12345.67", a.path("oldValue").asText());
            assertEquals("12845.67", a.path("newValue").asText());
            assertEquals("500", a.path("delta").asText());
            assertEquals("ev-late", a.path("eventIds").get(0).asText());
            assertEquals("CARRY_FORWARD", a.path("disposition").asText());
            assertEquals("2026-08", a.path("carriedTo").asText());
            // Reconciling again adds nothing: the change is in the ledger already.
            assertEquals(
                    0,
                    c.post("2026-07/adjustments", "{}", "e-hr", Role.HR)
                            .expect(201)
                            .json()
                            .path("added")
                            .size());
            // No request re-reads the lines: the integrity shown is the verification worker's newest re-hash.
            assertTrue(c.get("2026-07/verifications", "e-hr", Role.HR)
                    .expect(200)
                    .json()
                    .path("integrity")
                    .isNull());
            StoredSnapshot july = checkIntegrity("2026-07", 1);
            JsonNode verifications =
                    c.get("2026-07/verifications", "e-hr", Role.HR).expect(200).json();
            assertEquals(
                    frozen.path("contentHash").asText(),
                    verifications.path("integrity").path("storedHash").asText());
            assertTrue(verifications.path("integrity").path("intact").asBoolean());
            assertEquals(
                    "verifier-test",
                    verifications.path("integrity").path("checkedBy").asText());
            // A line slipped into the capture behind the store's back: the next re-hash finds it.
            seed.execute("INSERT INTO snapshot_lines (tenant_id, snapshot_id, capture_id, subject_type, subject_id,"
                    + " department_id, base_pay, score, rating, multipliers, performance_pay, figures) VALUES ('t-acme', '"
                    + july.snapshotId() + "', '" + july.captureId()
                    + "', 'EMPLOYEE', 'e-forged', 'd-sales', NULL, NULL,"
                    + " NULL, '', NULL, 'new_policy_premium=1,1,~,~,~,1')");
            checkIntegrity("2026-07", 1);
            JsonNode tampered =
                    c.get("2026-07/verifications", "e-hr", Role.HR).expect(200).json();
            assertFalse(tampered.path("integrity").path("intact").asBoolean(), tampered.toString());
            assertEquals(
                    frozen.path("contentHash").asText(),
                    tampered.path("integrity").path("storedHash").asText());
            assertEquals(
                    "12345.67",
                    line(c.get("2026-07/snapshot", "e-hr", Role.HR).expect(200).json(), "e-1")
                            .path("values")
                            .path("new_policy_premium")
                            .path("value")
                            .asText());
            CloseClient.Answer csv =
                    c.get("2026-07/adjustments?format=csv", "e-hr", Role.HR).expect(200);
            List<List<String>> rows = Csv.parse(csv.text().substring(1));
            assertEquals(2, rows.size());
            assertEquals("500", rows.get(1).get(7));
        });
    }

    /** Sales agents from January 2027: new-policy premium against 20,000 is the whole score, pay tiered on it. */
    static final String JANUARY_CARD = """
            {"templateId": "agent-2027", "name": "Agent", "managerShare": 0, "items": [
              {"indicator": "new_policy_premium", "perspective": "FINANCIAL", "weight": 100,
               "rule": {"type": "LINEAR", "target": 20000}}]}
            """;

    static final String JANUARY_PLAN = """
            {"departmentId": "d-sales", "components": [
              {"type": "TIERS", "name": "premium tier", "indicator": "new_policy_premium", "subject": "SELF",
               "tiers": [{"upper": 10000, "multiplier": 0.8}, {"lower": 10000, "multiplier": 1.2}]}]}
            """;

    @Test
    void frozenScoresAndPayAreScoreBooksAndALateEventLeavesThemAsFrozen() throws Exception {
        copyMarchInto("2027-01-01", "2027-01-31");
        // Effective from 2027 only, so the other tests' periods stay unscored.
        LocalDate from = LocalDate.of(2027, 1, 1);
        ScoringStore definitions = new ScoringStore(seed.connections(), CLOCK);
        long cardVersion = definitions
                .saveTemplate(
                        "t-acme", DefinitionJson.scorecard(DefinitionJson.tree(JANUARY_CARD), id -> null), from, "hr")
                .version();
        definitions.assign("t-acme", AssignmentTarget.DEPARTMENT, List.of("d-sales"), "agent-2027", from, "hr");
        long planVersion = definitions
                .savePlan("t-acme", DefinitionJson.bonusPlan(DefinitionJson.tree(JANUARY_PLAN)), from, "hr")
                .version();
        Period january = Period.parse("2027-01");
        ScoreBook book = new ScoreBook(
                new IndicatorValueReader(seed.connections(), ValueReadStrategy.FINAL, () -> CATALOG),
                new OrgReader(seed.connections()),
                definitions);
        withApp(c -> {
            JsonNode frozen = c.post("2027-01/freeze", "{\"force\": true, \"reason\": \"scores\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            JsonNode snapshot =
                    c.get("2027-01/snapshot", "e-hr", Role.HR).expect(200).json();
            List<EmployeeResult> scored =
                    book.all("t-acme", ZoneId.of("Asia/Shanghai"), january, january.end()).stream()
                            .filter(r -> EmployeeResult.SCORED.equals(r.status()))
                            .toList();
            assertEquals(
                    Set.of("h-1", "e-1", "e-2"),
                    setOf(scored.stream().map(EmployeeResult::employeeId).iterator()));
            for (EmployeeResult r : scored) {
                JsonNode l = line(snapshot, r.employeeId());
                assertEquals(
                        CanonicalForm.decimal(r.card().composite()),
                        l.path("score").asText(),
                        r.employeeId());
                assertEquals(
                        CanonicalForm.decimal(r.pay().performancePay()),
                        l.path("performancePay").asText(),
                        r.employeeId());
                assertEquals(
                        CanonicalForm.decimal(r.pay().multipliers().get(0).multiplier()),
                        l.path("multipliers").path("premium tier").asText(),
                        r.employeeId());
            }
            // By hand for e-1: 12,345.67 / 20,000 of 100 points = 61.73 (HALF_UP); above 10,000 → × 1.2;
            // 8,000.50 × 61.73% × 1.2 = 5,926.45038 → 5,926.45 (HALF_EVEN).
            JsonNode e1 = line(snapshot, "e-1");
            assertEquals("61.73", e1.path("score").asText());
            assertEquals("5926.45", e1.path("performancePay").asText());
            assertTrue(line(snapshot, "e-0").path("score").isNull(), "the CEO has no scorecard");
            assertEquals(
                    "agent-2027@2027-01-01#" + cardVersion,
                    frozen.path("scoringVersion").asText(),
                    frozen.toString());
            assertEquals(
                    "d-sales@2027-01-01#" + planVersion,
                    frozen.path("bonusRulesVersion").asText());

            List<List<String>> sheet = Csv.parse(c.get("2027-01/export?format=csv&sheet=bonus", "e-hr", Role.HR)
                    .expect(200)
                    .text()
                    .substring(1));
            List<String> header = sheet.get(0);
            List<String> e1Row = rowOf(sheet, "e-1");
            assertEquals("61.73", e1Row.get(header.indexOf("绩效得分 Score")));
            assertEquals("premium tier=1.2", e1Row.get(header.indexOf("系数 Multipliers")));
            assertEquals("5926.45", e1Row.get(header.indexOf("绩效工资 Performance pay")));

            // A late sale of 500: ScoreBook now says 64.23, the snapshot keeps 61.73 and its hash; the ledger
            // has the value change.
            seed.execute(valueIn("2027-01-01", "2027-01-31", "e-1", "12845.67", 4, 40));
            EmployeeResult now = book.employee("t-acme", ZoneId.of("Asia/Shanghai"), january, january.end(), "e-1")
                    .orElseThrow();
            assertEquals("64.23", now.card().composite().toPlainString());
            JsonNode added = c.post("2027-01/adjustments", "{}", "e-hr", Role.HR)
                    .expect(201)
                    .json()
                    .path("added");
            assertEquals(1, added.size(), added.toString());
            assertEquals("500", added.get(0).path("delta").asText());
            JsonNode after =
                    c.get("2027-01/snapshot", "e-hr", Role.HR).expect(200).json();
            assertEquals(
                    frozen.path("contentHash").asText(),
                    after.path("snapshot").path("contentHash").asText());
            assertEquals("61.73", line(after, "e-1").path("score").asText());
            SnapshotStore store = new SnapshotStore(seed.connections());
            StoredSnapshot stored = store.latest("t-acme", january).orElseThrow();
            assertEquals(
                    stored.contentHash(), stored.content(store.lines(stored)).hash());

            // By policy (CARRY_FORWARD) February's sheets carry January's late +500 for e-1.
            c.post("2027-02/freeze", "{\"force\": true, \"reason\": \"carried\"}", "e-hr", Role.HR)
                    .expect(201);
            List<List<String>> february = Csv.parse(c.get("2027-02/export?format=csv&sheet=bonus", "e-hr", Role.HR)
                    .expect(200)
                    .text()
                    .substring(1));
            int carriedColumn = february.get(0).indexOf("结转调整 Carried adjustments");
            assertEquals("new_policy_premium=500", rowOf(february, "e-1").get(carriedColumn));
            assertEquals("", rowOf(february, "e-2").get(carriedColumn));
            List<List<String>> carried = Csv.parse(c.get("2027-02/export?format=csv&sheet=carried", "e-hr", Role.HR)
                    .expect(200)
                    .text()
                    .substring(1));
            assertEquals(2, carried.size(), carried.toString());
            assertEquals(
                    List.of("2027-02", "e-1", "张敏", "2027-01", stored.snapshotId(), "new_policy_premium"),
                    carried.get(1).subList(0, 6));
            assertEquals(
                    List.of("12345.67", "12845.67", "500", "LATE_EVENTS"),
                    carried.get(1).subList(7, 11));
            // January itself carries nothing in.
            assertEquals(
                    1,
                    Csv.parse(c.get("2027-01/export?format=csv&sheet=carried", "e-hr", Role.HR)
                                    .expect(200)
                                    .text()
                                    .substring(1))
                            .size());
        });
    }

    @Test
    void reopeningMakesVersionTwoWhileVersionOneStaysReadable() throws Exception {
        copyMarchInto("2026-08-01", "2026-08-31");
        withApp(c -> {
            JsonNode v1 = c.post("2026-08/freeze", "{\"force\": true, \"reason\": \"v1\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            seed.execute(valueIn("2026-08-01", "2026-08-31", "e-2", "50100.10", 6, 60));
            c.post("2026-08/reopen", "{}", "e-hr", Role.HR).expect(400);
            JsonNode v2 = c.post("2026-08/reopen", "{\"reason\": \"late sale of e-2\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            assertEquals(2, v2.path("version").asInt());
            assertNotEquals(
                    v1.path("snapshotId").asText(), v2.path("snapshotId").asText());
            assertNotEquals(
                    v1.path("contentHash").asText(), v2.path("contentHash").asText());

            JsonNode status = c.get("2026-08", "e-hr", Role.HR).expect(200).json();
            assertEquals("FROZEN", status.path("status").asText());
            assertEquals(2, status.path("current").path("version").asInt());
            assertEquals(
                    "REOPENED", status.path("versions").get(0).path("status").asText());
            JsonNode old = c.get("2026-08/snapshot?version=1", "e-hr", Role.HR)
                    .expect(200)
                    .json();
            assertEquals(
                    v1.path("contentHash").asText(),
                    old.path("snapshot").path("contentHash").asText());
            assertEquals(
                    "50000.1",
                    line(old, "e-2")
                            .path("values")
                            .path("new_policy_premium")
                            .path("value")
                            .asText());
            JsonNode now =
                    c.get("2026-08/snapshot", "e-hr", Role.HR).expect(200).json();
            assertEquals(
                    "50100.1",
                    line(now, "e-2")
                            .path("values")
                            .path("new_policy_premium")
                            .path("value")
                            .asText());

            JsonNode compare = c.get("2026-08/compare?from=1&to=2", "e-hr", Role.HR)
                    .expect(200)
                    .json();
            assertEquals(1, compare.path("count").asInt(), compare.toString());
            JsonNode d = compare.path("differences").get(0);
            assertEquals(
                    List.of("e-2", "new_policy_premium", "100"),
                    List.of(
                            d.path("subjectId").asText(),
                            d.path("field").asText(),
                            d.path("delta").asText()));
            checkIntegrity("2026-08", 1);
            JsonNode integrity = c.get("2026-08/verifications?version=1", "e-hr", Role.HR)
                    .expect(200)
                    .json();
            assertTrue(integrity.path("integrity").path("intact").asBoolean());
            assertEquals(
                    1,
                    seed.count(
                            "SELECT count() FROM audit_log WHERE action = 'snapshot.reopen' AND target = '2026-08'"));
        });
    }

    @Test
    void aDisputeIsRaisedOnOnesOwnLineShowsItsLineageAndHrResolvesIt() throws Exception {
        copyMarchInto("2026-09-01", "2026-09-30");
        withApp(c -> {
            c.post("2026-09/freeze", "{\"force\": true, \"reason\": \"disputes\"}", "e-hr", Role.HR)
                    .expect(201);
            // Before publication an employee sees nothing of the snapshot.
            c.get("2026-09/snapshot", "e-1", Role.EMPLOYEE).expect(403);
            c.post("2026-09/publish", "{\"reason\": \"September pay run\"}", "e-hr", Role.HR)
                    .expect(200);
            JsonNode own =
                    c.get("2026-09/snapshot", "e-1", Role.EMPLOYEE).expect(200).json();
            assertEquals(1, own.path("count").asInt());
            assertEquals("e-1", own.path("lines").get(0).path("subjectId").asText());
            // The head of d-sales sees d-sales and its members, not claims.
            JsonNode head = c.get("2026-09/snapshot", "h-1", Role.DEPARTMENT_HEAD)
                    .expect(200)
                    .json();
            Set<String> seen = new HashSet<>();
            head.path("lines").forEach(l -> seen.add(l.path("subjectId").asText()));
            assertEquals(Set.of("h-1", "e-1", "e-2", "d-sales"), seen);

            String raise = "{\"subjectId\": \"%s\", \"indicator\": \"new_policy_premium\","
                    + " \"reason\": \"policy P-1 is missing\", \"claimedValue\": \"13345.67\"}";
            c.post("2026-09/disputes", raise.formatted("e-2"), "e-1", Role.EMPLOYEE)
                    .expect(403);
            JsonNode raised = c.post("2026-09/disputes", raise.formatted("e-1"), "e-1", Role.EMPLOYEE)
                    .expect(201)
                    .json();
            assertEquals("OPEN", raised.path("state").asText());
            String id = raised.path("disputeId").asText();
            JsonNode detail = c.get("2026-09/disputes/" + id, "e-1", Role.EMPLOYEE)
                    .expect(200)
                    .json();
            assertEquals(
                    "new_policy_premium",
                    detail.path("lineage").path("indicator").asText());
            assertEquals(
                    "2026-09-01",
                    detail.path("lineage").path("window").path("start").asText());
            c.get("2026-09/disputes/" + id, "e-2", Role.EMPLOYEE).expect(403);
            // A head raises on a member's line; HR rejects it with a reason.
            JsonNode byHead = c.post("2026-09/disputes", raise.formatted("e-2"), "h-1", Role.DEPARTMENT_HEAD)
                    .expect(201)
                    .json();

            c.post(
                            "2026-09/disputes/" + id + "/resolution",
                            "{\"outcome\": \"ACCEPTED\", \"reason\": \"P-1 found\"}",
                            "e-1",
                            Role.EMPLOYEE)
                    .expect(403);
            JsonNode accepted = c.post(
                            "2026-09/disputes/" + id + "/resolution",
                            "{\"outcome\": \"ACCEPTED\", \"reason\": \"P-1 confirmed in the policy system\"}",
                            "e-hr",
                            Role.HR)
                    .expect(200)
                    .json();
            assertEquals("ACCEPTED", accepted.path("dispute").path("state").asText());
            assertEquals("1000", accepted.path("adjustment").path("delta").asText());
            assertEquals("DISPUTE", accepted.path("adjustment").path("cause").asText());
            assertEquals(
                    "DISPUTE_CLOSED",
                    c.post(
                                    "2026-09/disputes/" + id + "/resolution",
                                    "{\"outcome\": \"REJECTED\", \"reason\": \"x\"}",
                                    "e-hr",
                                    Role.HR)
                            .expect(409)
                            .json()
                            .path("error")
                            .path("code")
                            .asText());
            JsonNode rejected = c.post(
                            "2026-09/disputes/" + byHead.path("disputeId").asText() + "/resolution",
                            "{\"outcome\": \"REJECTED\", \"reason\": \"P-1 was issued in October\"}",
                            "e-hr",
                            Role.HR)
                    .expect(200)
                    .json();
            assertEquals("REJECTED", rejected.path("dispute").path("state").asText());
            assertTrue(rejected.path("adjustment").isNull());

            JsonNode mine =
                    c.get("2026-09/disputes", "e-1", Role.EMPLOYEE).expect(200).json();
            assertEquals(1, mine.path("disputes").size());
            assertEquals(
                    2,
                    c.get("2026-09/disputes", "e-hr", Role.HR)
                            .expect(200)
                            .json()
                            .path("disputes")
                            .size());
            assertEquals(
                    1,
                    c.get("2026-09/adjustments", "e-hr", Role.HR)
                            .expect(200)
                            .json()
                            .path("adjustments")
                            .size());
            assertEquals(2, seed.count("SELECT count() FROM audit_log WHERE action = 'snapshot.dispute.raise'"));
            assertEquals(
                    2,
                    seed.count("SELECT count() FROM audit_log WHERE action = 'snapshot.dispute.resolve'"
                            + " AND outcome = 'SUCCESS'"));
            assertEquals(1, seed.count("SELECT count() FROM audit_log WHERE action = 'snapshot.publish'"));
        });
    }

    @Test
    void bonusSheetsParseBackAsCsvXlsxAndJson() throws Exception {
        copyMarchInto("2026-10-01", "2026-10-31");
        withApp(c -> {
            JsonNode frozen = c.post("2026-10/freeze", "{\"force\": true, \"reason\": \"sheets\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            CloseClient.Answer csv = c.get("2026-10/export?format=csv&sheet=bonus", "e-hr", Role.HR)
                    .expect(200);
            assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
            byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
            assertEquals(List.of(bom[0], bom[1], bom[2]), List.of(csv.bytes()[0], csv.bytes()[1], csv.bytes()[2]));
            List<List<String>> rows =
                    Csv.parse(new String(csv.bytes(), 3, csv.bytes().length - 3, StandardCharsets.UTF_8));
            List<String> header = rows.get(0);
            assertEquals("员工编号 Employee", header.get(0));
            int premium = header.indexOf("新单保费 New-policy premium (new_policy_premium)");
            assertTrue(premium > 0, header.toString());
            List<String> e1 = rowOf(rows, "e-1");
            assertEquals(List.of("e-1", "张敏", "d-sales", "寿险销售一部"), e1.subList(0, 4));
            assertEquals("12345.67", e1.get(premium));
            assertEquals("8000.5", e1.get(header.indexOf("基本工资 Base pay")));
            assertEquals("", e1.get(header.indexOf("绩效工资 Performance pay")));
            // A name that looks like a formula is neutralised for Excel.
            assertEquals("'=SUM(A1)", rowOf(rows, "e-2").get(1));
            assertEquals(7, rows.size()); // header + six employees

            List<List<String>> departments =
                    Csv.parse(c.get("2026-10/export?format=csv&sheet=departments", "e-hr", Role.HR)
                            .expect(200)
                            .text()
                            .substring(1));
            // d-sales at the end of the period: h-1 35000 + e-1 8000.50 + e-2 9000 (e-9 left: no department).
            List<String> sales = rowOf(departments, "d-sales");
            assertEquals(List.of("d-sales", "寿险销售一部", "3", "52000.5", "0", "3"), sales);

            CloseClient.Answer xlsx =
                    c.get("2026-10/export?format=xlsx", "e-hr", Role.HR).expect(200);
            try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx.bytes()))) {
                assertEquals(
                        List.of("bonus", "departments", "payroll", "carried"),
                        List.of(
                                book.getSheetName(0),
                                book.getSheetName(1),
                                book.getSheetName(2),
                                book.getSheetName(3)));
                Sheet bonus = book.getSheet("bonus");
                assertEquals("员工编号 Employee", bonus.getRow(0).getCell(0).getStringCellValue());
                Row r = sheetRow(bonus, 0, "e-1");
                assertEquals("张敏", r.getCell(1).getStringCellValue());
                assertEquals(12345.67, r.getCell(premium).getNumericCellValue(), 0.0);
                Sheet payroll = book.getSheet("payroll");
                Row p = sheetRow(payroll, 1, "e-1");
                assertEquals("2026-10", p.getCell(0).getStringCellValue());
                assertEquals(8000.5, p.getCell(4).getNumericCellValue(), 0.0);
                assertEquals(frozen.path("contentHash").asText(), p.getCell(8).getStringCellValue());
                assertEquals(7, bonus.getLastRowNum() + 1);
            }
            JsonNode json = c.get("2026-10/export?format=json", "e-hr", Role.HR)
                    .expect(200)
                    .json();
            assertEquals(
                    frozen.path("contentHash").asText(),
                    json.path("snapshot").path("contentHash").asText());
            JsonNode first = json.path("bonus").get(0);
            assertTrue(first.has("new_policy_premium") && first.has("performancePay"), first.toString());
            assertEquals(6, json.path("payroll").size());
            c.get("2026-10/export?format=pdf", "e-hr", Role.HR).expect(400);
            c.get("2026-10/export?format=csv", "h-1", Role.DEPARTMENT_HEAD).expect(403);
            assertEquals(4, seed.count("SELECT count() FROM audit_log WHERE action = 'snapshot.export'"));
        });
    }

    private static List<String> kept(SubjectType type) {
        return CATALOG.indicators().stream()
                .filter(d -> d.windows().contains(WindowType.MONTH_TO_DATE)
                        && d.subjects().contains(type))
                .map(IndicatorDefinition::id)
                .toList();
    }

    private static Set<String> setOf(java.util.Iterator<String> names) {
        Set<String> out = new HashSet<>();
        names.forEachRemaining(out::add);
        return out;
    }

    private static String text(JsonNode n) {
        return n.isNull() ? CanonicalForm.decimal(null) : n.asText();
    }

    private static JsonNode line(JsonNode snapshot, String subjectId) {
        for (JsonNode l : snapshot.path("lines")) {
            if (l.path("subjectId").asText().equals(subjectId)) {
                return l;
            }
        }
        throw new AssertionError("no line of " + subjectId + " in " + snapshot);
    }

    private static List<String> rowOf(List<List<String>> rows, String first) {
        return rows.stream()
                .filter(r -> r.get(0).equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first));
    }

    private static Row sheetRow(Sheet sheet, int column, String value) {
        for (Row r : sheet) {
            if (r.getCell(column).getStringCellValue().equals(value)) {
                return r;
            }
        }
        throw new AssertionError("no row " + value + " in " + sheet.getSheetName());
    }

    /** March's month-to-date rows again as another month of 2026: a fresh period per test. */
    @Test
    void hrAsksForAVerificationAndSeesTheWorkersProgressAndEveryDifferencePaged() throws Exception {
        copyMarchInto("2026-11-01", "2026-11-30");
        withApp(c -> {
            JsonNode frozen = c.post("2026-11/freeze", "{\"force\": true, \"reason\": \"verify\"}", "e-hr", Role.HR)
                    .expect(201)
                    .json();
            JsonNode asked = c.post("2026-11/verifications", "{\"reason\": \"payroll check\"}", "e-hr", Role.HR)
                    .expect(202)
                    .json();
            String id = asked.path("requestId").asText();
            assertEquals(
                    List.of(
                            "REQUESTED",
                            "requested",
                            "1",
                            "payroll check",
                            frozen.path("snapshotId").asText()),
                    List.of(
                            asked.path("status").asText(),
                            asked.path("phase").asText(),
                            asked.path("version").asText(),
                            asked.path("reason").asText(),
                            asked.path("snapshotId").asText()));
            assertEquals(
                    frozen.path("frozenBy").asText(), asked.path("requestedBy").asText());
            // Asking again while it waits is the same request, and only the first is audited.
            assertEquals(
                    id,
                    c.post("2026-11/verifications", "{}", "e-hr", Role.HR)
                            .expect(200)
                            .json()
                            .path("requestId")
                            .asText());
            assertEquals(
                    1,
                    seed.count("SELECT count() FROM audit_log WHERE action = 'snapshot.verify.request' AND target = '"
                            + id + "'"));
            c.post("2026-11/verifications", "{}", "e-1", Role.EMPLOYEE).expect(403);

            // The worker's side, as VerifySnapshotMain --requests writes it: claim, progress, outcome.
            VerificationRequests requests = new VerificationRequests(seed.connections());
            VerificationRequest waiting = requests.waiting().stream()
                    .filter(r -> r.requestId().equals(id))
                    .findFirst()
                    .orElseThrow();
            Instant t = CLOCK.instant();
            assertTrue(requests.claim(waiting, "worker-a", t.plusSeconds(1)));
            assertFalse(requests.claim(waiting, "worker-b", t.plusSeconds(2)));
            requests.progress(waiting, "worker-a", t.plusSeconds(3), "replaying events", 0, 120);
            requests.progress(waiting, "worker-b", t.plusSeconds(4), "comparing", 9, 9); // not the owner: ignored
            JsonNode running = c.get("2026-11/verifications/" + id, "e-exec", Role.EXECUTIVE)
                    .expect(200)
                    .json();
            assertEquals(
                    List.of("RUNNING", "replaying events", "0", "120"),
                    List.of(
                            running.path("status").asText(),
                            running.path("phase").asText(),
                            running.path("done").asText(),
                            running.path("total").asText()));
            assertTrue(running.path("run").isNull());

            VerificationRun run = new VerificationRun(
                    CloseSeed.TENANT,
                    "2026-11",
                    waiting.snapshotId(),
                    "run-1",
                    t.plusSeconds(1),
                    t.plusSeconds(5),
                    VerificationRun.Outcome.DIFFERENT,
                    120,
                    2,
                    "{}",
                    "abc");
            services.snapshots().store().add(run);
            requests.addDifferences(
                    CloseSeed.TENANT,
                    "run-1",
                    List.of(
                            new SnapshotDiff.Difference(
                                    SubjectType.EMPLOYEE,
                                    "e-1",
                                    "new_policy_premium",
                                    "13345.67,13345.67,~,~,~,3",
                                    "12345.67,12345.67,~,~,~,3",
                                    new BigDecimal("13345.67"),
                                    new BigDecimal("12345.67")),
                            new SnapshotDiff.Difference(
                                    SubjectType.EMPLOYEE,
                                    "e-2",
                                    "policies_issued",
                                    "4,4,~,~,~,4",
                                    "2.5,2.5,~,~,~,2",
                                    new BigDecimal("4"),
                                    new BigDecimal("2.5"))));
            requests.done(waiting, "worker-a", t.plusSeconds(6), run);

            JsonNode done = c.get("2026-11/verifications/" + id + "?limit=1&offset=1", "e-hr", Role.HR)
                    .expect(200)
                    .json();
            assertEquals(
                    List.of("DONE", "DIFFERENT", "DIFFERENT", "120"),
                    List.of(
                            done.path("status").asText(),
                            done.path("message").asText(),
                            done.path("run").path("outcome").asText(),
                            done.path("run").path("eventsReplayed").asText()));
            JsonNode page = done.path("differences");
            assertEquals(
                    List.of(2, 1, 1, 1),
                    List.of(
                            page.path("total").asInt(),
                            page.path("limit").asInt(),
                            page.path("offset").asInt(),
                            page.path("items").size()));
            JsonNode second = page.path("items").get(0);
            // 2.5 - 4 = -1.5: the recomputation minus the snapshot.
            assertEquals(
                    List.of("e-2", "policies_issued", "4,4,~,~,~,4", "2.5,2.5,~,~,~,2", "-1.5"),
                    List.of(
                            second.path("subjectId").asText(),
                            second.path("field").asText(),
                            second.path("before").asText(),
                            second.path("after").asText(),
                            second.path("delta").asText()));
            // Once done, asking again makes a new request.
            assertNotEquals(
                    id,
                    c.post("2026-11/verifications", "{}", "e-hr", Role.HR)
                            .expect(202)
                            .json()
                            .path("requestId")
                            .asText());
            c.get("2026-11/verifications/v-00000000-0000-0000-0000-000000000000", "e-hr", Role.HR)
                    .expect(404);
            c.get("2026-11/verifications/run-1", "e-hr", Role.HR).expect(400);
            c.get("2026-11/verifications/" + id, "e-1", Role.EMPLOYEE).expect(403);
        });
    }

    /** Re-hashes a version's stored lines as the verification worker does, recording the check. */
    private static StoredSnapshot checkIntegrity(String period, int version) {
        StoredSnapshot s = services.snapshots()
                .store()
                .version("t-acme", Period.parse(period), version)
                .orElseThrow();
        // Each check a second after the previous one: the newest check is the one shown, and two checks at the
        // same instant would leave which one that is to their random ids.
        services.snapshots()
                .integrity()
                .check(s, "verifier-test", CLOCK.instant().plusSeconds(CHECKS.incrementAndGet()));
        return s;
    }

    private static void copyMarchInto(String start, String end) throws Exception {
        seed.execute(
                "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version, updated_at) SELECT tenant_id, indicator_id, window_type, toDate('"
                        + start
                        + "'), toDate('" + end
                        + "'), subject_type, subject_id, value, numerator, denominator, target, attainment,"
                        + " event_count, last_event_time, catalog_version, version, updated_at FROM indicator_values"
                        + " WHERE tenant_id = 't-acme' AND window_type = 'MONTH_TO_DATE' AND window_start = '2026-03-01'");
    }

    private static String valueIn(String start, String end, String subject, String value, int events, int version) {
        return CloseSeed.IV + "('t-acme','new_policy_premium','MONTH_TO_DATE','" + start + "','" + end
                + "','EMPLOYEE','" + subject + "'," + value + "," + value + ",NULL,60000,NULL," + events
                + ",'2026-03-20 02:00:00.000',1," + version + ",'2026-04-02 03:00:00.000')";
    }
}
