package io.kpipulse.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.Perspective;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.pipeline.IndicatorJob;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.ScoreBook;
import io.kpipulse.scoring.card.ManagerRating;
import io.kpipulse.scoring.card.Scorecard;
import io.kpipulse.scoring.card.ScorecardItem;
import io.kpipulse.scoring.rules.LinearRule;
import io.kpipulse.scoring.rules.PassFailRule;
import io.kpipulse.scoring.store.AssignmentTarget;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.SimEvent;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationConfig;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.sink.TopicCreator;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruth;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 9's done-when, end to end: ten simulated days of one company go through a real broker, the engine on
 * a local MiniCluster and ClickHouse; then every employee's score and performance pay from {@link ScoreBook}
 * must equal what this test computes with plain arithmetic from the simulator's ground truth and its company
 * model (base pay at hire, who left), never through the scoring classes.
 */
class ScoringEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** policies_issued: linear to 8 policies, 30 points, over-delivery capped at 120%. */
    private static final BigDecimal POLICIES_TARGET = new BigDecimal("8");

    private static final BigDecimal POLICIES_WEIGHT = new BigDecimal("30");
    private static final BigDecimal POLICIES_CAP = new BigDecimal("1.2");
    /** new_policy_premium: linear to 40,000, 25 points, no over-delivery. */
    private static final BigDecimal PREMIUM_TARGET = new BigDecimal("40000");

    private static final BigDecimal PREMIUM_WEIGHT = new BigDecimal("25");
    /** task_timeliness: pass at 90% on time → 15 points, else 5. */
    private static final BigDecimal TIMELY_THRESHOLD = new BigDecimal("0.9");

    private static final BigDecimal PASS = new BigDecimal("15");
    private static final BigDecimal FAIL = new BigDecimal("5");

    @Test
    void scoresAndPayFromThePipelineEqualArithmeticOnTheSimulatorsGroundTruth() throws Exception {
        SimulationResult simulation = Simulation.run(SimulationConfig.from(Settings.of(Map.of(
                SimulatorOptions.TENANTS.key(), "1",
                SimulatorOptions.EMPLOYEES.key(), "120",
                SimulatorOptions.DEPARTMENTS.key(), "16",
                SimulatorOptions.START.key(), "2026-03-01",
                SimulatorOptions.DAYS.key(), "10",
                SimulatorOptions.FAULTS.key(), "none"))));
        Company company = simulation.companies().get(0);
        String tenant = company.tenantId();
        List<ExpectedValue> truth = GroundTruth.compute(simulation);

        String prefix = KAFKA.uniqueTopic("scoring-e2e") + ".";
        TopicCreator.ensureTopics(
                KAFKA.bootstrapServers(),
                SourceTopics.eventTopics().stream().map(t -> prefix + t).toList(),
                2);
        KAFKA.createTopic(prefix + SourceTopics.DEAD_LETTERS, 1);
        KAFKA.createCompactedTopic(prefix + SourceTopics.CONTROL, 1);
        KAFKA.createTopic(prefix + SourceTopics.ALERTS, 1);
        Path checkpoints = Files.createTempDirectory("kpi-scoring-e2e");
        Settings settings = Settings.of(Map.of(
                EngineOptions.BOOTSTRAP_SERVERS.key(),
                KAFKA.bootstrapServers(),
                EngineOptions.TOPIC_PREFIX.key(),
                prefix,
                EngineOptions.GROUP_ID.key(),
                prefix + "engine",
                EngineOptions.CHECKPOINT_INTERVAL.key(),
                "2s",
                EngineOptions.CHECKPOINT_DIR.key(),
                checkpoints.toUri().toString(),
                EngineOptions.FLUSH_INTERVAL.key(),
                "100ms",
                // The whole run is a backlog: long enough idleness that a partition still being read on a busy
                // machine is not taken for idle (the partitions, read to their end, then go idle past their newest
                // events).
                EngineOptions.SOURCE_IDLENESS.key(),
                "20s",
                EngineOptions.PARALLELISM.key(),
                "1",
                ClickHouseOptions.URL.key(),
                CLICKHOUSE.jdbcUrl(),
                ClickHouseOptions.DATABASE.key(),
                CLICKHOUSE.freshDatabase("scoring_e2e")));
        ClickHouseConnector clickHouse = ClickHouseConnector.from(settings);

        try (KafkaEventSink sink = new KafkaEventSink(KAFKA.bootstrapServers())) {
            for (ProducedRecord r : simulation.records()) {
                sink.send(new ProducedRecord(prefix + r.topic(), r.key(), r.value(), r.eventTime(), r.fault()));
            }
            sink.flush();
        }
        Configuration conf = IndicatorJob.flinkConfiguration(settings);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        JobClient job = env.executeAsync(IndicatorJob.wire(env, settings));
        try {
            long accepted = simulation.accepted().size();
            await(
                    "every accepted event in raw_events",
                    () -> rows(clickHouse, "SELECT uniqExact(event_id) FROM raw_events") == accepted);
            Map<String, Map<String, BigDecimal>> expectedValues = employeeMonthValues(truth, tenant);
            IndicatorValueReader reader =
                    new IndicatorValueReader(clickHouse::open, ValueReadStrategy.FINAL, CatalogYaml::templateLibrary);
            // The engine writes asynchronously: wait until what scoring reads equals the truth, then score.
            await(
                    "the month-to-date values scoring reads equal the ground truth",
                    () -> expectedValues.equals(readValues(reader, tenant, expectedValues)));

            Clock clock = Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC);
            ScoringStore store = new ScoringStore(clickHouse::open, clock);
            store.saveTemplate(tenant, card(), LocalDate.of(2026, 1, 1), "hr-1");
            String root = company.departments().stream()
                    .filter(d -> d.parentId() == null || d.parentId().isEmpty())
                    .findFirst()
                    .orElseThrow()
                    .id();
            store.assign(tenant, AssignmentTarget.DEPARTMENT, List.of(root), "e2e", LocalDate.of(2026, 1, 1), "hr-1");
            Map<String, BigDecimal> basePay = basePay(simulation, company);
            List<String> employed = new ArrayList<>(employedAtTheEnd(simulation, company));
            Map<String, BigDecimal> ratings = new HashMap<>();
            for (int i = 0; i < employed.size(); i++) {
                BigDecimal points = BigDecimal.valueOf(i % 31); // 0..30 of 30
                ratings.put(employed.get(i), points);
                store.rate(
                        tenant, new ManagerRating(employed.get(i), "2026-03", points, new BigDecimal("30"), "m", null));
            }

            ScoreBook book = new ScoreBook(reader, new OrgReader(clickHouse::open), store);
            List<EmployeeResult> results = book.all(tenant, company.calendar().zone(), Period.parse("2026-03"), TODAY);
            Map<String, List<String>> got = new TreeMap<>();
            for (EmployeeResult r : results) {
                got.put(
                        r.employeeId(),
                        List.of(
                                r.card().systemPoints().toPlainString(),
                                r.card().composite().toPlainString(),
                                r.pay().performancePay().toPlainString()));
            }
            Map<String, List<String>> want = new TreeMap<>();
            for (String id : employed) {
                want.put(id, expected(expectedValues.getOrDefault(id, Map.of()), ratings.get(id), basePay.get(id)));
            }
            assertEquals(want, got);
            assertTrue(
                    want.values().stream().map(v -> v.get(1)).distinct().count() > 10,
                    "the test data spreads scores widely enough to mean something");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static Scorecard card() {
        Scorecard card = new Scorecard(
                "e2e",
                "End to end",
                null,
                List.of(
                        new ScorecardItem(
                                "policies_issued",
                                Perspective.FINANCIAL,
                                POLICIES_WEIGHT,
                                new LinearRule(POLICIES_TARGET, null, POLICIES_CAP, null)),
                        new ScorecardItem(
                                "new_policy_premium",
                                Perspective.FINANCIAL,
                                PREMIUM_WEIGHT,
                                new LinearRule(PREMIUM_TARGET, null, null, null)),
                        new ScorecardItem(
                                "task_timeliness",
                                Perspective.INTERNAL_PROCESS,
                                PASS,
                                new PassFailRule(TIMELY_THRESHOLD, null, PASS, FAIL))),
                null);
        card.validate();
        return card;
    }

    /**
     * The expectation by hand: each item's points = weight × share rounded half-up to cents (no value: 0);
     * manager = rating / 30 × 30 points; composite = their sum; pay = base × composite / 100 to the cent,
     * half-even.
     */
    private static List<String> expected(Map<String, BigDecimal> values, BigDecimal rating, BigDecimal base) {
        BigDecimal system = BigDecimal.ZERO.setScale(2);
        BigDecimal policies = values.get("policies_issued");
        if (policies != null) {
            BigDecimal share =
                    policies.divide(POLICIES_TARGET, 20, RoundingMode.HALF_EVEN).min(POLICIES_CAP);
            system = system.add(POLICIES_WEIGHT.multiply(share).setScale(2, RoundingMode.HALF_UP));
        }
        BigDecimal premium = values.get("new_policy_premium");
        if (premium != null) {
            BigDecimal share = premium.divide(PREMIUM_TARGET, 20, RoundingMode.HALF_EVEN)
                    .min(BigDecimal.ONE)
                    .max(BigDecimal.ZERO);
            system = system.add(PREMIUM_WEIGHT.multiply(share).setScale(2, RoundingMode.HALF_UP));
        }
        BigDecimal timely = values.get("task_timeliness");
        if (timely != null) {
            system = system.add((timely.compareTo(TIMELY_THRESHOLD) >= 0 ? PASS : FAIL).setScale(2));
        }
        BigDecimal manager = rating.setScale(2, RoundingMode.HALF_UP); // rating of 30 × a 30-point share
        BigDecimal composite = system.add(manager);
        BigDecimal pay = base.multiply(composite).divide(HUNDRED).setScale(2, RoundingMode.HALF_EVEN);
        return List.of(system.toPlainString(), composite.toPlainString(), pay.toPlainString());
    }

    /** The ground truth's month-to-date values of the card's indicators per employee (defined values only). */
    private static Map<String, Map<String, BigDecimal>> employeeMonthValues(List<ExpectedValue> truth, String tenant) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        for (ExpectedValue v : truth) {
            if (v.tenantId().equals(tenant)
                    && v.windowType() == WindowType.MONTH_TO_DATE
                    && v.subjectType() == SubjectType.EMPLOYEE
                    && v.windowStart().equals(LocalDate.of(2026, 3, 1))
                    && v.value() != null
                    && List.of("policies_issued", "new_policy_premium", "task_timeliness")
                            .contains(v.indicatorId())) {
                out.computeIfAbsent(v.subjectId(), k -> new HashMap<>()).put(v.indicatorId(), v.value());
            }
        }
        return out;
    }

    /** What the reader holds for the same subjects and indicators, compared by value (scale ignored). */
    private static Map<String, Map<String, BigDecimal>> readValues(
            IndicatorValueReader reader, String tenant, Map<String, Map<String, BigDecimal>> like) {
        Map<String, Map<String, BigDecimal>> out = new HashMap<>();
        for (Map.Entry<String, Map<String, BigDecimal>> e : like.entrySet()) {
            reader.values(
                            tenant,
                            List.copyOf(e.getValue().keySet()),
                            WindowType.MONTH_TO_DATE,
                            TODAY,
                            SubjectType.EMPLOYEE,
                            e.getKey())
                    .forEach((indicator, v) -> {
                        BigDecimal want = e.getValue().get(indicator);
                        BigDecimal have = v.current().value();
                        if (have != null) {
                            // Equal in value: keep the truth's own scale so the maps compare equal.
                            out.computeIfAbsent(e.getKey(), k -> new HashMap<>())
                                    .put(indicator, have.compareTo(want) == 0 ? want : have);
                        }
                    });
        }
        return out;
    }

    /** Base pay at hire: the starting company and the month's hires. */
    private static Map<String, BigDecimal> basePay(SimulationResult simulation, Company company) {
        Map<String, BigDecimal> pay = new HashMap<>();
        company.employees().forEach(e -> pay.put(e.id(), e.basePay()));
        for (SimEvent e : simulation.accepted()) {
            if (e.event() instanceof EmployeeHired h) {
                pay.put(h.getEmployeeId(), h.getBasePay());
            }
        }
        return pay;
    }

    private static List<String> employedAtTheEnd(SimulationResult simulation, Company company) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        company.employees().forEach(e -> ids.add(e.id()));
        for (SimEvent e : simulation.accepted()) {
            if (e.event() instanceof EmployeeHired h) {
                ids.add(h.getEmployeeId());
            } else if (e.event() instanceof EmployeeLeft l) {
                ids.remove(l.getEmployeeId());
            }
        }
        return List.copyOf(ids);
    }

    private static long rows(ClickHouseConnector clickHouse, String sql) throws Exception {
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
