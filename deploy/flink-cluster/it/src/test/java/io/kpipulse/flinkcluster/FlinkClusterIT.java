package io.kpipulse.flinkcluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.api.ApiMain;
import io.kpipulse.api.ApiOptions;
import io.kpipulse.api.auth.AuthOptions;
import io.kpipulse.api.auth.LocalUser;
import io.kpipulse.api.auth.PasswordHash;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.UserDirectory;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationConfig;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.sink.TopicCreator;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruth;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's application jar on a real standalone Flink session cluster (a JobManager and a TaskManager, each
 * its own JVM, started by {@code deploy/flink-cluster/start.sh}), submitted through Flink's REST API, fed by the
 * simulator through a real KRaft broker, writing to the local ClickHouse server, read back through the API.
 * A third of the month is streamed, then the job is stopped with a savepoint and resumed from it; after the second
 * third the TaskManager is killed with SIGKILL and a new one started; the last third follows. Every calendar-window
 * value must then equal the simulator's ground truth — nothing lost, nothing counted twice — in ClickHouse and in
 * the API's answers, and every produced record must be accounted for.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterIT {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Duration DEADLINE = Duration.ofMinutes(4);
    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final int DAYS = 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Path JOB_JAR = Path.of(System.getProperty("kpi.it.job-jar", "missing-job-jar"));

    private static SimulationResult simulation;
    private static List<ExpectedValue> truth;
    private static String prefix;
    private static ClickHouseConnector clickHouse;
    private static String database;
    private static FlinkSessionCluster cluster;
    private static String jarId;
    private static String jobId;
    private static KafkaEventSink sink;

    @BeforeAll
    static void simulateAndStartTheCluster() throws Exception {
        simulation = Simulation.run(SimulationConfig.from(Settings.of(Map.of(
                SimulatorOptions.TENANTS.key(), "1",
                SimulatorOptions.EMPLOYEES.key(), "150",
                SimulatorOptions.DEPARTMENTS.key(), "16",
                SimulatorOptions.START.key(), START.toString(),
                SimulatorOptions.DAYS.key(), String.valueOf(DAYS),
                SimulatorOptions.FAULTS.key(), "demo"))));
        truth = GroundTruth.compute(simulation);
        prefix = KAFKA.uniqueTopic("cluster") + ".";
        TopicCreator.ensureTopics(
                KAFKA.bootstrapServers(),
                SourceTopics.eventTopics().stream().map(t -> prefix + t).toList(),
                4);
        KAFKA.createTopic(prefix + SourceTopics.DEAD_LETTERS, 2);
        KAFKA.createCompactedTopic(prefix + SourceTopics.CONTROL, 1);
        database = CLICKHOUSE.freshDatabase("cluster");
        clickHouse = ClickHouseConnector.from(Settings.of(
                Map.of(ClickHouseOptions.URL.key(), CLICKHOUSE.jdbcUrl(), ClickHouseOptions.DATABASE.key(), database)));
        cluster = FlinkSessionCluster.start(
                Path.of(System.getProperty("kpi.it.cluster-dir")), Path.of(System.getProperty("kpi.it.state-dir")));
        jarId = cluster.rest().upload(JOB_JAR);
        sink = new KafkaEventSink(KAFKA.bootstrapServers()); // one sink: one simulated send clock
    }

    @AfterAll
    static void stopTheCluster() throws Exception {
        if (sink != null) {
            sink.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void theApplicationJarCarriesTheEngineAndItsLibrariesButNeitherFlinkNorTheSimulator() throws Exception {
        try (JarFile jar = new JarFile(JOB_JAR.toFile())) {
            assertEquals(
                    "io.kpipulse.pipeline.IndicatorJob",
                    jar.getManifest().getMainAttributes().getValue("Main-Class"));
            assertTrue(jar.getEntry("io/kpipulse/pipeline/IndicatorJob.class") != null);
            assertTrue(jar.getEntry("org/apache/flink/connector/kafka/source/KafkaSource.class") != null);
            assertTrue(jar.getEntry("io/kpipulse/shaded/org/apache/avro/Schema.class") != null, "Avro relocated");
            List<String> unwanted = jar.stream()
                    .map(java.util.zip.ZipEntry::getName)
                    .filter(n -> n.startsWith("org/apache/flink/streaming/api/")
                            || n.startsWith("org/apache/flink/runtime/")
                            || n.startsWith("org/apache/flink/api/common/")
                            || n.startsWith("io/kpipulse/simulator/")
                            || n.startsWith("org/apache/avro/")
                            || n.startsWith("com/fasterxml/jackson/")
                            || n.startsWith("org/apache/commons/")
                            || n.startsWith("net/jpountz/")
                            || n.startsWith("org/slf4j/"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), unwanted);
        }
    }

    @Test
    @Order(2)
    void aJobStoppedWithASavepointResumesFromIt() throws Exception {
        List<ProducedRecord> records = simulation.records();
        publish(records.subList(0, records.size() / 3));
        String first = cluster.rest().run(jarId, jobArguments(), null);
        await("the first job running", () -> cluster.rest().jobState(first).equals("RUNNING"));
        int accepted = simulation.accepted().size();
        await(
                "a sixth of the events in ClickHouse and a completed checkpoint",
                () -> count("SELECT uniqExact(event_id) FROM raw_events") > accepted / 6
                        && cluster.rest()
                                        .checkpoints(first)
                                        .get("counts")
                                        .get("completed")
                                        .asInt()
                                > 0);

        String savepoint = cluster.rest()
                .stopWithSavepoint(
                        first, cluster.state().resolve("savepoints").toUri().toString(), Duration.ofMinutes(2));
        await("the stopped job to finish", () -> cluster.rest().jobState(first).equals("FINISHED"));
        publish(records.subList(records.size() / 3, 2 * records.size() / 3));
        jobId = cluster.rest().run(jarId, jobArguments(), savepoint);
        await("the resumed job running", () -> cluster.rest().jobState(jobId).equals("RUNNING"));

        JsonNode restored = cluster.rest().checkpoints(jobId).get("latest").get("restored");
        assertTrue(restored.get("is_savepoint").asBoolean(), restored.toString());
        assertEquals(savepoint, restored.get("external_path").asText());
    }

    @Test
    @Order(3)
    void aJobWhoseTaskManagerIsKilledRecoversFromItsCheckpointOnANewOne() throws Exception {
        int accepted = simulation.accepted().size();
        await(
                "half of the events in ClickHouse and a checkpoint of the resumed job",
                () -> count("SELECT uniqExact(event_id) FROM raw_events") > accepted / 2
                        && cluster.rest()
                                        .checkpoints(jobId)
                                        .get("counts")
                                        .get("completed")
                                        .asInt()
                                > 0);
        int restoredBefore =
                cluster.rest().checkpoints(jobId).get("counts").get("restored").asInt();

        cluster.killTaskManager();
        List<ProducedRecord> records = simulation.records();
        publish(records.subList(2 * records.size() / 3, records.size())); // arrives while no task runs
        cluster.startTaskManager();

        await(
                "the job restarted from a checkpoint with every vertex running",
                () -> cluster.rest()
                                        .checkpoints(jobId)
                                        .get("counts")
                                        .get("restored")
                                        .asInt()
                                > restoredBefore
                        && cluster.allVerticesRunning(jobId));
        JsonNode restored = cluster.rest().checkpoints(jobId).get("latest").get("restored");
        assertFalse(restored.get("is_savepoint").asBoolean(), restored.toString());
        assertEquals("RUNNING", cluster.rest().jobState(jobId));
    }

    @Test
    @Order(4)
    void everyValueEqualsTheGroundTruthInClickHouseAndThroughTheApi() throws Exception {
        // No event after the month: the partitions, read to their end, go idle past their newest events.
        var expected = simulation.expectedCounts();
        List<Long> want = List.of((long) expected.accepted(), (long) expected.deadLettered(), (long) expected.late());
        List<Long> seen = new ArrayList<>();
        await(() -> "every record accounted for: expected accepted/dead/late " + want + ", saw " + seen, () -> {
            seen.clear();
            seen.addAll(List.of(
                    count("SELECT uniqExact(event_id) FROM raw_events"),
                    count("SELECT count() FROM dead_letters FINAL"),
                    count("SELECT count() FROM late_events FINAL")));
            return seen.equals(want);
        });

        List<String> differences = new ArrayList<>();
        await(
                () -> differences.size() + " values differ from the ground truth, first "
                        + differences.subList(0, Math.min(5, differences.size())),
                () -> {
                    differences.clear();
                    differences.addAll(compareWithTruth());
                    return differences.isEmpty();
                });

        try (ApiMain.Running api = startApi()) {
            assertEquals(List.of(), compareThroughTheApi(api.url(), signIn(api.url())));
        }
        long calendar = truth.stream().filter(e -> !e.windowType().isRolling()).count();
        System.out.printf(
                "reconciliation: produced %d = accepted %d + dead-lettered %d + late %d + duplicates %d;"
                        + " %d calendar-window values equal to the ground truth, none missing, none extra%n",
                expected.produced(),
                expected.accepted(),
                expected.deadLettered(),
                expected.late(),
                expected.duplicates(),
                calendar);
    }

    private static List<String> jobArguments() {
        return List.of(
                "--kpi.kafka.bootstrap-servers=" + KAFKA.bootstrapServers(),
                "--kpi.kafka.topic-prefix=" + prefix,
                "--kpi.engine.group-id=" + prefix + "engine",
                "--kpi.engine.checkpoint-interval=1s",
                "--kpi.engine.checkpoint-dir="
                        + cluster.state().resolve("checkpoints").toUri(),
                "--kpi.engine.flush-interval=100ms",
                // Generous: while a backlog is read on a loaded machine, a partition may wait seconds for its next
                // fetch, and one declared idle meanwhile lets the watermark pass its events (they would go late).
                "--kpi.engine.source-idleness=30s",
                "--kpi.clickhouse.url=" + CLICKHOUSE.jdbcUrl(),
                "--kpi.clickhouse.database=" + database);
    }

    /** The windows each indicator of the template library is kept for, as its definition lists them. */
    private static final Map<String, java.util.Set<WindowType>> DECLARED =
            io.kpipulse.catalog.CatalogYaml.templateLibrary().indicators().stream()
                    .collect(java.util.stream.Collectors.toMap(d -> d.id(), d -> d.windows()));

    private record Key(
            String tenant, String indicator, String window, LocalDate start, String subjectType, String subject) {}

    /** Every calendar-window value of the truth is there and equal, and no other calendar-window value is. */
    private static List<String> compareWithTruth() throws SQLException {
        Map<Key, BigDecimal> actual = new HashMap<>();
        Map<Key, Long> items = new HashMap<>();
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT tenant_id, indicator_id, window_type, window_start, subject_type,"
                                + " subject_id, value, event_count FROM indicator_values FINAL")) {
            while (rs.next()) {
                WindowType window = WindowType.valueOf(rs.getString(3));
                if (window.isRolling() || !DECLARED.get(rs.getString(2)).contains(window)) {
                    // rolling values, and the DAY slices the engine keeps to assemble them for indicators that
                    // do not list DAY, are read through the reader and compared by the engine's own tests
                    continue;
                }
                Key key = new Key(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getObject(4, LocalDate.class),
                        rs.getString(5),
                        rs.getString(6));
                actual.put(key, rs.getBigDecimal(7));
                items.put(key, rs.getLong(8));
            }
        }
        List<String> differences = new ArrayList<>();
        for (ExpectedValue e : truth) {
            if (e.windowType().isRolling()) {
                continue;
            }
            Key key = key(e);
            if (!actual.containsKey(key)) {
                differences.add("missing " + key + " expected " + e.value());
                continue;
            }
            BigDecimal a = actual.remove(key); // null for a ratio without denominator, as in the truth
            if (!same(e.value(), a) || items.get(key) != e.itemCount()) {
                differences.add(key + ": expected " + e.value() + " (" + e.itemCount() + " items) but was " + a + " ("
                        + items.get(key) + " items)");
            }
        }
        actual.forEach((k, a) -> differences.add("unexpected " + k + " = " + a));
        return differences;
    }

    /**
     * The month-to-date value of every indicator for every employee and department, as the API answers it to the
     * tenant's executive, against the ground truth.
     */
    private static List<String> compareThroughTheApi(String url, String token) throws Exception {
        LocalDate lastDay = START.plusDays(DAYS - 1);
        Map<Key, BigDecimal> expected = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
        truth.stream()
                .filter(e -> e.windowType() == WindowType.MONTH_TO_DATE
                        && e.windowStart().equals(START)
                        && e.value() != null) // the API answers no value for a ratio without denominator
                .forEach(e -> expected.put(key(e), e.value()));
        assertFalse(expected.isEmpty());
        String tenant = truth.get(0).tenantId();
        Map<Key, BigDecimal> answered = new TreeMap<>(java.util.Comparator.comparing(Key::toString));
        HttpClient http = HttpClient.newHttpClient();
        Set<String> indicators = new java.util.TreeSet<>();
        expected.keySet().forEach(k -> indicators.add(k.indicator()));
        for (String indicator : indicators) {
            for (SubjectType type : SubjectType.values()) {
                if (expected.keySet().stream()
                        .noneMatch(k -> k.indicator().equals(indicator)
                                && k.subjectType().equals(type.name()))) {
                    continue; // an indicator kept for departments only (budget_spent) has no employee values
                }
                String query = "indicator=" + URLEncoder.encode(indicator, StandardCharsets.UTF_8)
                        + "&window=MONTH_TO_DATE&date=" + lastDay + "&subjectType=" + type + "&limit=500";
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants/" + tenant + "/values?" + query))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode(), response.body());
                JsonNode body = JSON.readTree(response.body());
                assertFalse(body.get("hasMore").asBoolean(), query);
                for (JsonNode v : body.get("values")) {
                    if (v.get("value").isNull()) {
                        continue;
                    }
                    answered.put(
                            new Key(
                                    tenant,
                                    indicator,
                                    WindowType.MONTH_TO_DATE.name(),
                                    START,
                                    type.name(),
                                    v.get("subjectId").asText()),
                            new BigDecimal(v.get("value").asText()));
                }
            }
        }
        List<String> differences = new ArrayList<>();
        expected.forEach((k, e) -> {
            BigDecimal a = answered.remove(k);
            if (a == null || a.compareTo(e) != 0) {
                differences.add(k + ": expected " + e + " but the API answered " + a);
            }
        });
        answered.forEach((k, a) -> differences.add("the API answered " + k + " = " + a + ", the truth has none"));
        return differences.subList(0, Math.min(20, differences.size()));
    }

    private static boolean same(BigDecimal expected, BigDecimal actual) {
        return expected == null ? actual == null : actual != null && expected.compareTo(actual) == 0;
    }

    private static Key key(ExpectedValue e) {
        return new Key(
                e.tenantId(),
                e.indicatorId(),
                e.windowType().name(),
                e.windowStart(),
                e.subjectType().name(),
                e.subjectId());
    }

    private static ApiMain.Running startApi() throws Exception {
        Path users = cluster.state().resolve("users.json");
        String tenant = truth.get(0).tenantId();
        UserDirectory.write(
                users,
                List.of(new LocalUser(
                        tenant,
                        "exec",
                        PasswordHash.hash("cluster-it".toCharArray(), new SecureRandom(), 1_000),
                        Set.of(Role.EXECUTIVE),
                        null)),
                ApiJson.mapper());
        return ApiMain.start(Settings.of(Map.of(
                ClickHouseOptions.URL.key(),
                CLICKHOUSE.jdbcUrl(),
                ClickHouseOptions.DATABASE.key(),
                database,
                ApiOptions.PORT.key(),
                "0",
                ApiOptions.FOLLOW_CONTROL_TOPIC.key(),
                "false",
                AuthOptions.LOCAL_ISSUER.key(),
                "true",
                AuthOptions.LOCAL_USERS_FILE.key(),
                users.toString())));
    }

    private static String signIn(String url) throws Exception {
        String body = JSON.writeValueAsString(
                Map.of("tenant", truth.get(0).tenantId(), "username", "exec", "password", "cluster-it"));
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("token").asText();
    }

    private static void publish(List<ProducedRecord> records) {
        for (ProducedRecord r : records) {
            sink.send(new ProducedRecord(prefix + r.topic(), r.key(), r.value(), r.eventTime(), r.fault()));
        }
        sink.flush();
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        await(() -> what, condition);
    }

    /** Polls until the condition holds; generous, because a shared 2-core CI machine is slow. */
    private static void await(Supplier<String> what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
        throw new AssertionError("timed out waiting for " + what.get());
    }
}
