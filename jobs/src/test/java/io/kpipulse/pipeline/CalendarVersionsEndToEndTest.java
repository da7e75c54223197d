package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.finance.ReimbursementPaid;
import io.kpipulse.events.finance.ReimbursementSubmitted;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.calendars.CalendarVersionStore;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRun;
import io.kpipulse.snapshots.verify.SnapshotVerifier;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
import io.kpipulse.tenants.TenantRegistry;
import io.kpipulse.testing.EngineRig;
import io.kpipulse.testing.Freezes;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.core.execution.JobClient;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A calendar version published while the engine runs, through the real job: events and the control topic
 * on a KRaft broker, the engine on a MiniCluster at parallelism 2, values in the real ClickHouse engine.
 *
 * <p>The tenants file has no day off in November 2026. While the job runs, HR publishes version 1 of 2026,
 * effective Monday 2026-11-23 09:00 (Shanghai): Friday 11-20 becomes a day off after the fact (a typhoon
 * closure, say) and Saturday 11-28 a make-up working day (调休). Working-day hours by hand:
 *
 * <ul>
 *   <li>rA, paid before the version took effect: Thu 11-19 18:00 → Sat 11-21 10:00 = 6 h + 24 h (Friday, a
 *       working day as the calendar then said) + 0 = 30 h, not within 1 working day; written before the
 *       version, and not rewritten after it;
 *   <li>rB, across the new day off, submitted before the version and paid after it (the payment completes it): Thu 11-19 20:00 → Mon 11-23 10:00 = 4 h + 0 + 0 + 0 + 10 h =
 *       14 h, within 1 working day (38 h under the old calendar);
 *   <li>rC, across the make-up Saturday, paid after: Fri 11-27 20:00 → Sun 11-29 08:00 = 4 h + 24 h + 0 =
 *       28 h, not within (4 h under the old calendar).
 * </ul>
 *
 * Every event of the second batch is dated after the first batch's newest (an older one would be late by then).
 * Then the job reads every topic again from the start (a replay, the version on the control topic from the
 * outset) and must write the very same values.
 */
class CalendarVersionsEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-calendar";
    private static final Duration DEADLINE = Duration.ofMinutes(3);
    private static final String WITHIN = "reimbursement_within_1wd";
    private static final String P90 = "reimbursement_processing_p90";
    private static final BigDecimal AMOUNT = new BigDecimal("320.00");
    private static final Instant EFFECTIVE = TestEvents.at("2026-11-23T09:00");
    private static final Period NOVEMBER = Period.parse("2026-11");

    private static EngineRig rig;
    private static final List<JobClient> jobs = new ArrayList<>();

    @BeforeAll
    static void publishAVersionWhileTheJobRuns() throws Exception {
        Path tenantsFile = Files.createTempFile("kpi-calendar-tenants", ".yaml");
        Files.writeString(tenantsFile, "tenants: [{id: " + T + ", zone: Asia/Shanghai}]");
        // The second batch reaches a live engine on partitions that were idle, each read as it comes: the payment
        // of rC (on its processor's partition) may move the watermark before rC's submission (on the claimant's)
        // is read, 36 hours earlier. A horizon of ten days admits it as the backfill it then is, exact.
        rig = EngineRig.create(KAFKA, CLICKHOUSE, "calendars", 2, 1, Duration.ofSeconds(1))
                .with(EngineOptions.TENANTS_FILE, tenantsFile)
                .with(EngineOptions.ALLOWED_LATENESS, "10d");

        TestEvents e = new TestEvents(T);
        List<SpecificRecord> before = new ArrayList<>();
        before.add(e.department("d-root", null, "2026-11-01T00:00"));
        before.add(e.department("d-sales", "d-root", "2026-11-01T00:00"));
        before.add(e.department("d-finance", "d-root", "2026-11-01T00:00"));
        before.add(e.hire("e-1", "d-sales", "2026-11-01T09:00"));
        before.add(e.hire("e-fin1", "d-finance", "2026-11-01T09:00"));
        before.add(e.hire("e-fin2", "d-finance", "2026-11-01T09:00"));
        // In event-time order, as one source system would send them. rB is submitted before the version and
        // paid after it: the payment completes it.
        before.add(submitted(e, "rA", "2026-11-19T18:00"));
        before.add(submitted(e, "rB", "2026-11-19T20:00"));
        before.add(paid(e, "rA", "2026-11-21T10:00", "e-fin1"));
        rig.sendAsTheyHappened(before);
        jobs.add(rig.start());
        ClickHouseConnector live = rig.clickHouse();
        EngineRig.await(
                "rA's working-day duration", DEADLINE, () -> value(live, P90, "WEEK", "2026-11-16", "e-fin1") != null);

        publish(version());
        // Every operator holds the version once a checkpoint taken after reading it completes: the calendar
        // source commits its offset only then, and the checkpoint barrier follows the version downstream.
        EngineRig.await(
                "the calendar source's checkpointed offset past the version",
                DEADLINE,
                CalendarVersionsEndToEndTest::versionRead);

        List<SpecificRecord> after = new ArrayList<>();
        after.add(paid(e, "rB", "2026-11-23T10:00", "e-fin2"));
        reimbursement(e, after, "rC", "2026-11-27T20:00", "2026-11-29T08:00", "e-fin1");
        rig.sendAsTheyHappened(after);
        try {
            EngineRig.await("rB's and rC's working-day durations", DEADLINE, () -> everyDurationIsIn(live));
        } catch (AssertionError e2) {
            throw new AssertionError(e2.getMessage() + "; late: "
                    + EngineRig.rows(live, "SELECT event_type, reason FROM late_events") + "; dead: "
                    + EngineRig.rows(live, "SELECT event_type, reason FROM dead_letters") + "; archived: "
                    + EngineRig.rows(live, "SELECT event_type, event_time FROM raw_events ORDER BY event_time")
                    + "; values: "
                    + EngineRig.rows(
                            live,
                            "SELECT indicator_id, window_type, window_start, subject_id, value FROM indicator_values"
                                    + " WHERE indicator_id IN ('" + WITHIN + "', '" + P90 + "') ORDER BY ALL"));
        }
    }

    @AfterAll
    static void stop() throws Exception {
        for (JobClient job : jobs) {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDurationCompletedBeforeTheVersionKeepsTheCalendarItWasMeasuredWith() throws Exception {
        ClickHouseConnector live = rig.clickHouse();
        assertEquals(List.of("30.0000", "1"), value(live, P90, "WEEK", "2026-11-16", "e-fin1"));
        assertEquals(List.of("0.0000", "1"), value(live, WITHIN, "DAY", "2026-11-21", "e-fin1"));
    }

    @Test
    void aDurationAcrossTheDayOffPublishedAtRunTimeSkipsIt() throws Exception {
        ClickHouseConnector live = rig.clickHouse();
        assertEquals(List.of("14.0000", "1"), value(live, P90, "WEEK", "2026-11-23", "e-fin2"));
        assertEquals(List.of("1.0000", "1"), value(live, WITHIN, "DAY", "2026-11-23", "e-fin2"));
    }

    @Test
    void aDurationAcrossTheMakeUpSaturdayPublishedAtRunTimeCountsIt() throws Exception {
        ClickHouseConnector live = rig.clickHouse();
        assertEquals(List.of("28.0000", "1"), value(live, P90, "WEEK", "2026-11-23", "e-fin1"));
        assertEquals(List.of("0.0000", "1"), value(live, WITHIN, "DAY", "2026-11-29", "e-fin1"));
    }

    @Test
    void aReplayFromTheStartDecidesEveryDurationAsTheLiveRunDid() throws Exception {
        Settings replayed = rig.replay("calreplay");
        jobs.add(EngineRig.start(replayed, null));
        ClickHouseConnector replay = ClickHouseConnector.from(replayed);
        EngineRig.await("the replay's durations", DEADLINE, () -> everyDurationIsIn(replay));
        String sql = "SELECT indicator_id, window_type, window_start, subject_type, subject_id, value, event_count"
                + " FROM indicator_values FINAL WHERE indicator_id IN ('" + WITHIN + "', '" + P90 + "')"
                + " ORDER BY ALL";
        List<String> liveRows = EngineRig.rows(rig.clickHouse(), sql);
        assertEquals(liveRows, EngineRig.rows(replay, sql));
        assertEquals(true, liveRows.size() >= 6, "employee and department rows of three durations: " + liveRows);
    }

    /**
     * November frozen from the live run and verified by recomputation from the archived raw events: the replay
     * needs the version, published through the API and so stored as acknowledged. Stored as never acknowledged,
     * it is not replayed, and exactly the durations it changed (rB's and rC's, for their processors and the
     * departments above them) come out different.
     */
    @Test
    void aFrozenMonthIsReproducedWithThePublishedVersionReplayedAndDiffersWithout() throws Exception {
        ClickHouseConnector live = rig.clickHouse();
        Clock clock = Clock.fixed(Instant.parse("2026-12-02T02:00:00Z"), ZoneOffset.UTC);
        CalendarVersionStore versions = new CalendarVersionStore(live::open);
        versions.save(version(), true, EFFECTIVE.toEpochMilli());
        CatalogUpdate catalog = CatalogUpdate.of(CatalogYaml.templateLibraryText());
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        StoredSnapshot snapshot = Freezes.freeze(
                live, Freezes.capture(live, T, NOVEMBER, zone, catalog.parse(), clock), 1, clock.instant());
        SnapshotVerifier verifier = new SnapshotVerifier(
                live,
                EngineConfig.from(rig.settings()),
                TenantRegistry.parse("tenants: [{id: " + T + ", zone: Asia/Shanghai}]"),
                Freezes.figures(live, clock),
                clock);

        SnapshotVerifier.Result replayed =
                verifier.verify(snapshot, catalog, live.withDatabase(CLICKHOUSE.freshDatabase("calendar_verify")));
        assertEquals(List.of(), replayed.differences());
        assertEquals(VerificationRun.Outcome.MATCH, replayed.run().outcome());
        assertEquals(snapshot.contentHash(), replayed.run().recomputedHash());

        versions.save(version(), false, EFFECTIVE.toEpochMilli() + 1);
        SnapshotVerifier.Result without =
                verifier.verify(snapshot, catalog, live.withDatabase(CLICKHOUSE.freshDatabase("calendar_unverified")));
        assertEquals(VerificationRun.Outcome.DIFFERENT, without.run().outcome());
        Set<String> differing = new TreeSet<>();
        for (SnapshotDiff.Difference d : without.differences()) {
            differing.add(d.subjectId() + " " + d.field());
        }
        assertTrue(
                differing.containsAll(List.of("e-fin1 " + WITHIN, "e-fin2 " + WITHIN, "e-fin2 " + P90)),
                differing.toString());
        for (String difference : differing) {
            assertTrue(
                    difference.matches("(e-fin1|e-fin2|d-finance|d-root) reimbursement_.*"),
                    "only the durations the version changed differ: " + differing);
        }
    }

    private static CalendarVersion version() {
        TreeSet<LocalDate> holidays = new TreeSet<>(List.of(LocalDate.of(2026, 11, 20)));
        TreeSet<LocalDate> workdays = new TreeSet<>(List.of(LocalDate.of(2026, 11, 28)));
        return new CalendarVersion(T, 2026, 1, holidays, workdays, "hr-1", EFFECTIVE, EFFECTIVE);
    }

    private static void publish(CalendarVersion v) throws Exception {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(
                            rig.prefix() + SourceTopics.CONTROL, v.controlKey(), CalendarVersionJson.write(v)))
                    .get(15, TimeUnit.SECONDS);
        }
    }

    private static boolean versionRead() throws Exception {
        Properties p = new Properties();
        p.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers());
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                            rig.settings().get(EngineOptions.GROUP_ID) + "-calendars")
                    .partitionsToOffsetAndMetadata()
                    .get(10, TimeUnit.SECONDS);
            OffsetAndMetadata control = offsets.get(new TopicPartition(rig.prefix() + SourceTopics.CONTROL, 0));
            return control != null && control.offset() >= 1;
        }
    }

    /** The submission by the claimant e-1 in sales, the payment by the finance employee credited with it. */
    private static void reimbursement(
            TestEvents e, List<SpecificRecord> events, String id, String submitted, String paid, String processor) {
        events.add(submitted(e, id, submitted));
        events.add(paid(e, id, paid, processor));
    }

    private static ReimbursementSubmitted submitted(TestEvents e, String id, String when) {
        return ReimbursementSubmitted.newBuilder()
                .setHeader(e.header(SourceSystem.FINANCE, when, "e-1", "d-sales"))
                .setReimbursementId(id)
                .setClaimantEmployeeId("e-1")
                .setAmount(AMOUNT)
                .setCategory("travel")
                .build();
    }

    private static ReimbursementPaid paid(TestEvents e, String id, String when, String processor) {
        return ReimbursementPaid.newBuilder()
                .setHeader(e.header(SourceSystem.FINANCE, when, processor, "d-finance"))
                .setReimbursementId(id)
                .setProcessorId(processor)
                .setAmount(AMOUNT)
                .build();
    }

    private static boolean everyDurationIsIn(ClickHouseConnector db) throws SQLException {
        return value(db, P90, "WEEK", "2026-11-16", "e-fin1") != null
                && value(db, P90, "WEEK", "2026-11-23", "e-fin2") != null
                && value(db, P90, "WEEK", "2026-11-23", "e-fin1") != null
                && value(db, WITHIN, "DAY", "2026-11-29", "e-fin1") != null;
    }

    /** The newest value and event count of an employee's window, or null when none is written yet. */
    private static List<String> value(
            ClickHouseConnector db, String indicator, String window, String start, String employee)
            throws SQLException {
        try (Connection c = db.open();
                PreparedStatement ps = c.prepareStatement("SELECT value, event_count"
                        + " FROM indicator_values FINAL WHERE tenant_id = ? AND indicator_id = ? AND window_type = ?"
                        + " AND window_start = ? AND subject_type = 'EMPLOYEE' AND subject_id = ?")) {
            ps.setString(1, T);
            ps.setString(2, indicator);
            ps.setString(3, window);
            ps.setString(4, start);
            ps.setString(5, employee);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? List.of(
                                rs.getBigDecimal(1)
                                        .setScale(4, java.math.RoundingMode.UNNECESSARY)
                                        .toPlainString(),
                                Long.toString(rs.getLong(2)))
                        : null;
            }
        }
    }
}
