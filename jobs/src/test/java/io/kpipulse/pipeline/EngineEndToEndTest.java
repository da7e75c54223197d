package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.ValueRule;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.org.Placement;
import io.kpipulse.read.org.SupportLink;
import io.kpipulse.read.values.BulkValueQuery;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.SubjectSet;
import io.kpipulse.read.values.ValueGrid;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationConfig;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruth;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.testing.EngineRig;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestCatalogs;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine against a real KRaft broker, the real ClickHouse engine and a Flink MiniCluster at
 * parallelism 2: a simulated month of two companies with duplicates, out-of-order, late, malformed,
 * unknown and impossible events. The job is killed mid-stream and restored from its checkpoint; then
 * every indicator value for every employee and department must equal the simulator's independently
 * computed ground truth, and every produced record must be accounted for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EngineEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final Duration STALL = Duration.ofMinutes(2);

    private static final Duration CAP = Duration.ofMinutes(25);

    private static SimulationResult simulation;
    private static List<ExpectedValue> truth;
    private static EngineRig rig;
    private static ClickHouseConnector clickHouse;
    private static JobClient running;

    @BeforeAll
    static void simulateAndPrepare() throws Exception {
        simulation = Simulation.run(SimulationConfig.from(Settings.of(Map.of(
                SimulatorOptions.TENANTS.key(),
                "2",
                SimulatorOptions.EMPLOYEES.key(),
                "300",
                SimulatorOptions.DEPARTMENTS.key(),
                "20",
                SimulatorOptions.START.key(),
                "2026-03-01",
                SimulatorOptions.DAYS.key(),
                "31",
                SimulatorOptions.FAULTS.key(),
                "demo"))));
        truth = GroundTruth.compute(simulation);
        // A partition is declared idle only once it is quiet and read to its end, so a short idleness is safe on a
        // starved machine too (with processing-time idleness alone, 2 s at load 40 turned 7,709 events late).
        rig = EngineRig.create(KAFKA, CLICKHOUSE, "e2e", 4, 2, Duration.ofSeconds(2));
        clickHouse = rig.clickHouse();
    }

    @AfterAll
    static void stop() throws Exception {
        if (running != null) {
            running.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(1)
    void everyValueEqualsTheGroundTruthAfterAKillAndARestoreFromTheCheckpoint() throws Exception {
        List<ProducedRecord> records = simulation.records();
        int half = records.size() / 2;
        KafkaEventSink sink = new KafkaEventSink(KAFKA.bootstrapServers()); // one sink: one simulated send clock
        rig.send(sink, records.subList(0, half));

        JobClient first = rig.start();
        int accepted = simulation.accepted().size();
        EngineRig.await(
                "a checkpoint after a quarter of the events",
                DEADLINE,
                () -> count("SELECT uniqExact(event_id) FROM raw_events") > accepted / 4
                        && Checkpoints.latest(rig.checkpoints()).isPresent());
        first.cancel().get(30, TimeUnit.SECONDS); // the kill: whatever was written after the checkpoint is replayed
        Path checkpoint = Checkpoints.latest(rig.checkpoints()).orElseThrow();

        rig.send(sink, records.subList(half, records.size()));
        running = rig.restore(checkpoint);

        // No event after the month: every partition, read to its end, goes idle with its watermark at its newest
        // event, which admits the month's last seconds (IdleWhenCaughtUpReader).
        var expected = simulation.expectedCounts();
        sink.close();
        List<Long> want = List.of((long) expected.accepted(), (long) expected.deadLettered(), (long) expected.late());
        List<List<Long>> seen = new ArrayList<>();
        awaitWhileProgressing(
                () -> "every record accounted for: expected accepted/dead/late " + want + ", saw " + seen,
                () -> {
                    seen.clear();
                    seen.add(List.of(
                            count("SELECT uniqExact(event_id) FROM raw_events"),
                            count("SELECT count() FROM dead_letters FINAL"),
                            count("SELECT count() FROM late_events FINAL")));
                    return seen.get(0).equals(want);
                },
                () -> List.copyOf(seen));
        assertEquals(
                expected.produced(),
                expected.accepted() + expected.deadLettered() + expected.late() + expected.duplicates());

        List<String> differences = new ArrayList<>();
        awaitWhileProgressing(
                () -> "every value equal to the ground truth: " + differences.size() + " differ (all in "
                        + writeDifferences(differences) + "), by indicator " + byIndicator(differences) + ", first "
                        + differences.subList(0, Math.min(5, differences.size())),
                () -> {
                    differences.clear();
                    differences.addAll(compareWithTruth());
                    return differences.isEmpty();
                },
                // Still writing is still catching up; a wrong value that stays wrong writes nothing more.
                () -> List.of(differences.size(), count("SELECT count() FROM indicator_values")));
        assertEquals(List.of(), differences.subList(0, Math.min(20, differences.size())));
    }

    @Test
    @Order(2)
    void aCatalogVersionOnTheControlTopicTakesEffectInTheRunningJob() throws Exception {
        ExpectedValue someone = truth.stream()
                .filter(v -> v.indicatorId().equals("new_policy_premium")
                        && v.windowType() == WindowType.MONTH_TO_DATE
                        && v.subjectType() == SubjectType.EMPLOYEE
                        && v.windowStart().equals(LocalDate.of(2026, 3, 1)))
                .findFirst()
                .orElseThrow();
        CatalogUpdate newCatalog = TestCatalogs.nextLibraryVersion(y -> y.replace("target: 90000", "target: 95000"));
        long bumped = newCatalog.version();
        String yaml = newCatalog.yaml();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProperties())) {
            producer.send(new ProducerRecord<>(
                            rig.prefix() + SourceTopics.CONTROL,
                            "catalog".getBytes(StandardCharsets.UTF_8),
                            yaml.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
        // New policies for that employee at the end of the month, a little later each poll: each one moves the
        // watermark (its key's partition is the only active one by now) and updates the employee's row with
        // whatever catalog the job holds, until the new version shows.
        long last = simulation.accepted().stream()
                .mapToLong(e -> e.eventTime())
                .max()
                .orElseThrow();
        TestEvents events = new TestEvents(someone.tenantId());
        long[] next = {last + 1_000};
        EngineRig.await("the row carries catalog version " + bumped + " and the new target", DEADLINE, () -> {
            next[0] += 100;
            rig.sendAsTheyHappened(List.of(events.policy(someone.subjectId(), null, at(next[0]), "1.00", true)));
            try (Connection c = clickHouse.open();
                    PreparedStatement ps = c.prepareStatement(
                            "SELECT catalog_version, target, value FROM indicator_values FINAL WHERE tenant_id = ? AND indicator_id ="
                                    + " 'new_policy_premium' AND window_type = 'MONTH_TO_DATE' AND window_start = '2026-03-01'"
                                    + " AND subject_type = 'EMPLOYEE' AND subject_id = ?")) {
                ps.setString(1, someone.tenantId());
                ps.setString(2, someone.subjectId());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            && rs.getLong(1) == bumped
                            && rs.getBigDecimal(2).compareTo(new BigDecimal("95000")) == 0
                            && rs.getBigDecimal(3).compareTo(someone.value()) > 0;
                }
            }
        });
    }

    /**
     * The projected org directory against the simulator's own company model (not its events): on the first
     * day every department, placement, name, base pay, support link and head is the generated company's; on
     * the last day everyone is where the month's moves and leaves put them, and every head is still the
     * person the generator made head (heads never move or leave in the simulation).
     */
    @Test
    @Order(3)
    void theProjectedOrgDirectoryIsTheSimulatedCompany() {
        OrgReader reader = new OrgReader(clickHouse::open);
        for (Company company : simulation.companies()) {
            java.time.ZoneId zone = company.calendar().zone();
            OrgDay first = new OrgDay(company.tenantId(), LocalDate.of(2026, 3, 1), zone);
            OrgDay last = new OrgDay(company.tenantId(), LocalDate.of(2026, 3, 31), zone);
            OrgSnapshot start = reader.snapshot(first);

            assertEquals(
                    company.departments().stream()
                            .map(d -> new io.kpipulse.read.org.Department(
                                    d.id(),
                                    d.name(),
                                    d.parentId(),
                                    d.type().name(),
                                    d.function().name()))
                            .sorted(java.util.Comparator.comparing(io.kpipulse.read.org.Department::id))
                            .toList(),
                    start.departments().stream()
                            .sorted(java.util.Comparator.comparing(io.kpipulse.read.org.Department::id))
                            .toList());
            List<Placement> expectedStart = company.employees().stream()
                    .map(e -> new Placement(e.id(), e.departmentId(), e.position(), e.managerId()))
                    .toList();
            List<String> ids = expectedStart.stream().map(Placement::employeeId).toList();
            assertEquals(
                    expectedStart,
                    ids.stream().map(id -> start.placement(id).orElse(null)).toList());
            Map<String, String> names = new HashMap<>();
            Map<String, BigDecimal> pay = new HashMap<>();
            company.employees().forEach(e -> {
                names.put(e.id(), e.name());
                pay.put(e.id(), e.basePay());
            });
            assertEquals(names, reader.names(first, ids));
            assertEquals(pay, reader.basePay(first, ids));
            assertEquals(
                    company.supportLinks().stream()
                            .map(l -> new SupportLink(l.supportDepartmentId(), l.businessDepartmentId()))
                            .sorted(java.util.Comparator.comparing(SupportLink::supportDepartmentId)
                                    .thenComparing(SupportLink::businessDepartmentId))
                            .toList(),
                    reader.supportLinks(first));

            Map<String, Placement> expectedEnd = new HashMap<>();
            expectedStart.forEach(p -> expectedEnd.put(p.employeeId(), p));
            for (var event : simulation.accepted()) {
                if (event.tenantId().equals(company.tenantId()) && event.event() instanceof EmployeeMoved m) {
                    expectedEnd.put(
                            m.getEmployeeId(),
                            new Placement(m.getEmployeeId(), m.getToDepartmentId(), m.getPosition(), m.getManagerId()));
                } else if (event.tenantId().equals(company.tenantId()) && event.event() instanceof EmployeeLeft l) {
                    expectedEnd.remove(l.getEmployeeId());
                }
            }
            OrgSnapshot end = reader.snapshot(last);
            assertEquals(
                    new java.util.TreeMap<>(expectedEnd),
                    new java.util.TreeMap<>(ids.stream()
                            .flatMap(id -> end.placement(id).stream())
                            .collect(java.util.stream.Collectors.toMap(Placement::employeeId, p -> p))));

            for (var d : company.departments()) {
                List<io.kpipulse.simulator.company.Employee> staff = company.employeesOf(d.id());
                Optional<String> generatedHead = staff.isEmpty()
                        ? Optional.empty()
                        : Optional.of(staff.get(0).id());
                assertEquals(generatedHead, start.head(d.id()), d.id() + " on the first day");
                assertEquals(generatedHead, end.head(d.id()), d.id() + " on the last day");
            }
        }
    }

    private static String at(long epochMillis) {
        return java.time.LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), TestEvents.ZONE)
                .toString();
    }

    private static Properties producerProperties() {
        return KafkaEventSink.properties(KAFKA.bootstrapServers());
    }

    private static long count(String sql) throws SQLException {
        return EngineRig.count(clickHouse, sql);
    }

    /**
     * Polls until the condition holds, for as long as {@code progress} keeps changing: on a loaded machine the
     * engine may take many minutes to drain its backlog, while a value that is wrong for good stops changing.
     * Fails once nothing has changed for {@link #STALL}, or after {@link #CAP} in all.
     */
    private static void awaitWhileProgressing(
            java.util.function.Supplier<String> what, Callable<Boolean> condition, Callable<Object> progress)
            throws Exception {
        long start = System.nanoTime();
        long lastChange = start;
        Object last = null;
        while (!condition.call()) {
            long now = System.nanoTime();
            Object current = progress.call();
            if (!current.equals(last)) {
                last = current;
                lastChange = now;
            } else if (now - lastChange > STALL.toNanos()) {
                throw new AssertionError("no progress for " + STALL + " waiting for " + what.get());
            }
            if (now - start > CAP.toNanos()) {
                throw new AssertionError("still progressing after " + CAP + " waiting for " + what.get());
            }
            TimeUnit.SECONDS.sleep(1);
        }
    }

    private record Key(
            String tenant,
            String indicator,
            String window,
            LocalDate start,
            LocalDate end,
            String subjectType,
            String subject) {}

    private record Actual(BigDecimal value, long items, BigDecimal target, BigDecimal attainment) {}

    /**
     * Every expected value must be there and equal; no other value may be there. Rolling windows of
     * decomposable kinds are read as the API reads them, assembled from the DAY rows by the read model; those
     * DAY rows of an indicator that does not list DAY are its storage, not values the truth lists.
     */
    private static List<String> compareWithTruth() throws SQLException {
        IndicatorCatalog catalog = CatalogYaml.templateLibrary();
        IndicatorValueReader reader =
                new IndicatorValueReader(clickHouse::open, ValueReadStrategy.FINAL, () -> catalog);
        Map<Key, Actual> actual = new HashMap<>();
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "SELECT tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, value,"
                                        + " event_count, target, attainment FROM indicator_values FINAL")) {
            while (rs.next()) {
                Key key = new Key(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getObject(5, LocalDate.class),
                        rs.getString(6),
                        rs.getString(7));
                long items = rs.getLong(9);
                if (items == 0) {
                    // A rolling window whose items all moved out, or an instance whose only items were
                    // withdrawn (a sale counted before a late incident bound showed it outside): nothing counted,
                    // and the truth lists no row for it.
                    continue;
                }
                if (key.window().equals("DAY")
                        && !catalog.find(key.indicator())
                                .orElseThrow()
                                .windows()
                                .contains(WindowType.DAY)) {
                    continue;
                }
                actual.put(key, new Actual(rs.getBigDecimal(8), items, rs.getBigDecimal(10), rs.getBigDecimal(11)));
            }
        }
        Map<RollingRead, ValueGrid> rolling = rollingValues(reader, catalog);
        List<String> differences = new ArrayList<>();
        for (ExpectedValue e : truth) {
            Key key = new Key(
                    e.tenantId(),
                    e.indicatorId(),
                    e.windowType().name(),
                    e.windowStart(),
                    e.windowEnd(),
                    e.subjectType().name(),
                    e.subjectId());
            IndicatorDefinition definition = catalog.find(e.indicatorId()).orElseThrow();
            Actual a = e.windowType().isRolling() && ValueRule.assemblesFromDays(definition.aggregation())
                    ? rolling.get(RollingRead.of(e))
                            .get(e.subjectId(), e.indicatorId())
                            .map(v -> new Actual(v.value(), v.eventCount(), v.target(), v.attainment()))
                            .orElse(null)
                    : actual.remove(key);
            if (a == null) {
                differences.add("missing " + key + " expected " + e.value());
            } else if (!same(e.value(), a.value())
                    || e.itemCount() != a.items()
                    || !same(e.target(), a.target())
                    || !same(e.attainment(), a.attainment())) {
                differences.add(key + ": expected " + e.value() + " (" + e.itemCount() + " items, target " + e.target()
                        + ", attainment " + e.attainment() + ") but was " + a);
            }
        }
        // Rolling rows of earlier as-of days are history the ground truth does not list.
        actual.keySet().removeIf(k -> WindowType.valueOf(k.window()).isRolling());
        actual.forEach((k, a) -> differences.add("unexpected " + k + " = " + a));
        return differences;
    }

    /** One bulk read of rolling values: a tenant's subjects of one type, one window type, one as-of day. */
    private record RollingRead(String tenant, SubjectType subjectType, WindowType window, LocalDate asOf) {
        static RollingRead of(ExpectedValue e) {
            return new RollingRead(e.tenantId(), e.subjectType(), e.windowType(), e.windowEnd());
        }
    }

    /**
     * The rolling values of decomposable kinds the truth lists, read as the API reads them (assembled from
     * the DAY rows by the read model), in one bulk query per tenant, subject type, window type and as-of day
     * instead of one per value.
     */
    private static Map<RollingRead, ValueGrid> rollingValues(IndicatorValueReader reader, IndicatorCatalog catalog) {
        Map<RollingRead, java.util.Set<String>> indicators = new HashMap<>();
        for (ExpectedValue e : truth) {
            if (e.windowType().isRolling()
                    && ValueRule.assemblesFromDays(
                            catalog.find(e.indicatorId()).orElseThrow().aggregation())) {
                indicators
                        .computeIfAbsent(RollingRead.of(e), k -> new java.util.TreeSet<>())
                        .add(e.indicatorId());
            }
        }
        Map<RollingRead, ValueGrid> grids = new HashMap<>();
        indicators.forEach((read, ids) -> grids.put(
                read,
                reader.bulkValues(new BulkValueQuery(
                        read.tenant(),
                        read.subjectType(),
                        SubjectSet.all(),
                        List.copyOf(ids),
                        read.window(),
                        read.asOf()))));
        return grids;
    }

    private static Path writeDifferences(List<String> differences) {
        try {
            Path file = Path.of("target", "e2e-differences.txt");
            Files.write(file, differences);
            return file.toAbsolutePath();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, Long> byIndicator(List<String> differences) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String d : differences) {
            int i = d.indexOf("indicator=");
            String indicator = i < 0 ? "?" : d.substring(i + 10, d.indexOf(',', i));
            counts.merge(indicator, 1L, Long::sum);
        }
        return counts;
    }

    private static boolean same(BigDecimal expected, BigDecimal actual) {
        return expected == null ? actual == null : actual != null && expected.compareTo(actual) == 0;
    }
}
