package io.kpipulse.snapshots.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.periods.Period;
import io.kpipulse.pipeline.EngineConfig;
import io.kpipulse.pipeline.IndicatorPipeline;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.FrozenValue;
import io.kpipulse.snapshots.IntegrityChecks;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import io.kpipulse.testing.PunctuatedWatermarks;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A simulated March 2026 through the engine on a MiniCluster into ClickHouse, frozen as the API freezes it, then
 * verified by the command's recomputation from the archived raw events: zero differences and the same content
 * hash. A snapshot whose figures do not come from the events is caught, figure by figure.
 */
class SnapshotVerifierTest {

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String T = "t-sim";
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    static final Period MARCH = Period.parse("2026-03");
    static final TenantRegistry TENANTS = TenantRegistry.parse("tenants: [{id: " + T + ", zone: Asia/Shanghai}]");
    static final CatalogUpdate CATALOG = CatalogUpdate.of(CatalogYaml.templateLibraryText());
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-04-02T02:00:00Z"), ZoneOffset.UTC);
    static final EngineConfig ENGINE = new EngineConfig(
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            Duration.ofHours(1),
            Duration.ofDays(40),
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMillis(200),
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            2,
            "");

    static ClickHouseConnector live;

    /** Scoring as the API and the command wire it; no scorecards are defined here, so lines stay unscored. */
    static PeriodFigures figures() {
        return new PeriodFigures(new ScoringStore(live::open, CLOCK));
    }

    static int produced;

    @BeforeAll
    static void runTheMonthLive() throws Exception {
        live = new ClickHouseConnector(
                CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("verify_live"), "default", "", true);
        live.migrator().migrate();
        List<RawRecord> month = simulatedMonth();
        produced = month.size();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        DataStream<RawRecord> source = env.fromData(month, TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(PunctuatedWatermarks.of(ENGINE.outOfOrderness()))
                .setParallelism(1);
        DataStream<CatalogUpdate> noUpdates =
                source.filter(r -> false).map(r -> CATALOG).returns(TypeInformation.of(CatalogUpdate.class));
        new IndicatorPipeline(ENGINE, CATALOG, TENANTS)
                .build(source, noUpdates, new ClickHouseRecomputeSinks(live, SinkOptions.defaults(), true));
        env.execute("verify-test-live-month");
    }

    /**
     * Two sales teams and claims under one root; eight agents selling every working day with seeded random
     * premiums, two handlers approving claims that finance pays a few hours later; one agent joins on the 16th.
     * Records arrive a little out of order (within the out-of-orderness), as from several producers.
     */
    static List<RawRecord> simulatedMonth() {
        TestEvents e = new TestEvents(T);
        List<RawRecord> records = new ArrayList<>();
        records.add(e.record(e.department("d-root", null, "2026-03-01T00:00")));
        records.add(e.record(e.department("d-north", "d-root", "2026-03-01T00:00")));
        records.add(e.record(e.department("d-south", "d-root", "2026-03-01T00:00")));
        records.add(e.record(e.department("d-claims", "d-root", "2026-03-01T00:00")));
        for (int i = 1; i <= 8; i++) {
            String team = i <= 4 ? "d-north" : "d-south";
            records.add(e.record(e.hire("a-" + i, team, i == 8 ? "2026-03-16T09:00" : "2026-03-01T08:00")));
        }
        records.add(e.record(e.hire("h-1", "d-claims", "2026-03-01T08:00")));
        records.add(e.record(e.hire("h-2", "d-claims", "2026-03-01T08:00")));
        records.add(e.record(e.hire("f-1", "d-claims", "2026-03-01T08:00")));
        Random random = new Random(13);
        for (int day = 2; day <= 31; day++) {
            LocalDate date = LocalDate.of(2026, 3, day);
            for (int i = 1; i <= 8; i++) {
                if (i == 8 && day < 16) {
                    continue;
                }
                int sales = random.nextInt(3);
                for (int s = 0; s < sales; s++) {
                    String when = date + "T"
                            + String.format(java.util.Locale.ROOT, "%02d:%02d", 9 + s * 3, random.nextInt(60));
                    String premium = BigDecimal.valueOf(500 + random.nextInt(20_000), 2)
                            .add(BigDecimal.valueOf(1000))
                            .toPlainString();
                    records.add(e.record(
                            e.policy("a-" + i, i <= 4 ? "d-north" : "d-south", when, premium, random.nextInt(4) != 0)));
                }
            }
            String claim = "cl-" + day;
            String handler = day % 2 == 0 ? "h-1" : "h-2";
            records.add(e.record(e.claimApproved(claim, handler, "d-claims", date + "T10:15")));
            records.add(e.record(e.paymentExecuted(claim, "f-1", "d-claims", date + "T" + (11 + day % 5) + ":40")));
        }
        records.sort(java.util.Comparator.comparingLong(RawRecord::time));
        // Swap neighbours now and then: out of order by far less than the out-of-orderness.
        for (int i = 1; i < records.size(); i += 7) {
            RawRecord a = records.get(i - 1);
            RawRecord b = records.get(i);
            if (b.time() - a.time() < 1_000
                    && !a.topic().endsWith("org")
                    && !b.topic().endsWith("org")) {
                records.set(i - 1, b);
                records.set(i, a);
            }
        }
        return records;
    }

    private static StoredSnapshot freeze(int version, SnapshotContent content) {
        return TestFreezes.write(live::open, content, version, "t-sim/hr", CLOCK.instant());
    }

    private static FrozenValue premiumOf(SnapshotContent content, String agent) {
        return lineOf(content.lines(), agent).values().get("new_policy_premium");
    }

    private static SnapshotLine lineOf(List<SnapshotLine> lines, String subjectId) {
        return lines.stream()
                .filter(l -> l.subjectId().equals(subjectId))
                .findFirst()
                .orElseThrow();
    }

    /** {@code honest} with each of {@code agents}' new-policy premium one more than their events support. */
    private static SnapshotContent withPremiumOneMore(SnapshotContent honest, List<String> agents) {
        List<SnapshotLine> lines = new ArrayList<>(honest.lines());
        for (String agent : agents) {
            SnapshotLine line = lineOf(lines, agent);
            FrozenValue premium = line.values().get("new_policy_premium");
            Map<String, FrozenValue> inflated = new TreeMap<>(line.values());
            inflated.put(
                    "new_policy_premium",
                    new FrozenValue(
                            premium.value().add(BigDecimal.ONE),
                            premium.numerator(),
                            premium.denominator(),
                            premium.target(),
                            premium.attainment(),
                            premium.eventCount()));
            lines.set(
                    lines.indexOf(line),
                    SnapshotLine.unscored(line.subjectType(), agent, line.departmentId(), line.basePay(), inflated));
        }
        return new SnapshotContent(T, MARCH, honest.catalogVersion(), "none", "none", honest.position(), lines);
    }

    private static SnapshotContent captureLive(IndicatorCatalog catalog) {
        return new SnapshotCapture(
                        new IndicatorValueReader(live::open, ValueReadStrategy.FINAL, () -> catalog),
                        new OrgReader(live::open),
                        figures())
                .capture(
                        T,
                        MARCH,
                        ZONE,
                        catalog,
                        new EventLog(live::open).positionBefore(T, MARCH.endExclusive(ZONE)),
                        CaptureProgress.IGNORED);
    }

    @Test
    void recomputingTheMonthFromRawEventsGivesByteIdenticalFigures() throws Exception {
        SnapshotContent content = captureLive(CATALOG.parse());
        assertEquals(produced, content.position().eventCount());
        long withValues = content.lines().stream()
                .filter(l ->
                        l.subjectType() == SubjectType.EMPLOYEE && !l.values().isEmpty())
                .count();
        // The eight agents (sales) and f-1 (claim payment time); the approvers h-1 and h-2 earn no figure here.
        assertEquals(9, withValues);
        StoredSnapshot snapshot = freeze(1, content);

        SnapshotVerifier.Result result = new SnapshotVerifier(live, ENGINE, TENANTS, figures(), CLOCK)
                .verify(snapshot, CATALOG, live.withDatabase(CLICKHOUSE.freshDatabase("verify_scratch")));

        assertEquals(List.of(), result.differences());
        assertEquals(VerificationRun.Outcome.MATCH, result.run().outcome());
        assertEquals(snapshot.contentHash(), result.run().recomputedHash());
        assertEquals(produced, result.run().eventsReplayed());
        List<VerificationRun> recorded = new SnapshotStore(live::open).verifications(T, MARCH, snapshot.snapshotId());
        assertEquals(1, recorded.size());
        assertEquals(VerificationRun.Outcome.MATCH, recorded.get(0).outcome());
    }

    @Test
    void aFigureTheEventsDoNotSupportIsListedAsADifference() throws Exception {
        SnapshotContent honest = captureLive(CATALOG.parse());
        FrozenValue premium = premiumOf(honest, "a-1");
        StoredSnapshot snapshot = freeze(7, withPremiumOneMore(honest, List.of("a-1")));

        SnapshotVerifier.Result result = new SnapshotVerifier(live, ENGINE, TENANTS, figures(), CLOCK)
                .verify(snapshot, CATALOG, live.withDatabase(CLICKHOUSE.freshDatabase("verify_scratch")));

        assertEquals(VerificationRun.Outcome.DIFFERENT, result.run().outcome());
        assertEquals(1, result.differences().size(), result.differences().toString());
        SnapshotDiff.Difference d = result.differences().get(0);
        assertEquals(List.of("a-1", "new_policy_premium"), List.of(d.subjectId(), d.field()));
        assertEquals(premium.value().add(BigDecimal.ONE).compareTo(d.valueBefore()), 0);
        assertEquals(premium.value().compareTo(d.valueAfter()), 0);
        assertTrue(
                result.run().details().contains("\"subjectId\":\"a-1\""),
                result.run().details());
    }

    @Test
    void aRequestMadeThroughTheApiIsClaimedVerifiedWithProgressAndItsDifferencesPaged() throws Exception {
        // Two agents' premiums one more than their events support: two differences, in canonical order.
        StoredSnapshot snapshot = freeze(11, withPremiumOneMore(captureLive(CATALOG.parse()), List.of("a-2", "a-3")));
        VerificationRequests requests = new VerificationRequests(live::open);
        VerificationRequest asked = requests.request(snapshot, "t-sim/hr", "payroll check", CLOCK.instant());
        VerificationWorker worker = new VerificationWorker(
                live,
                new SnapshotVerifier(live, ENGINE, TENANTS, figures(), CLOCK),
                CATALOG,
                VerifySchedule.requestsOnly(),
                "verifier-test",
                Clock.systemUTC());

        assertEquals(1, worker.runWaiting());

        VerificationRequest done =
                requests.find(T, MARCH.id(), asked.requestId()).orElseThrow();
        assertEquals(VerificationRequest.Status.DONE, done.status());
        assertEquals("DIFFERENT", done.message());
        assertEquals("t-sim/hr", done.requestedBy());
        // The worker re-hashed the stored lines first: the integrity the API shows.
        assertTrue(new IntegrityChecks(live::open)
                .latest(T, MARCH.id(), snapshot.snapshotId())
                .orElseThrow()
                .intact());
        VerificationRun run = new SnapshotStore(live::open)
                .verifications(T, MARCH, snapshot.snapshotId()).stream()
                        .filter(r -> r.runId().equals(done.runId()))
                        .findFirst()
                        .orElseThrow();
        assertEquals(produced, run.eventsReplayed());
        assertEquals(2, run.differences());
        VerificationRequests.DifferencePage second = requests.differences(T, done.runId(), 1, 1);
        assertEquals(2, second.total());
        assertEquals(
                List.of("a-3", "new_policy_premium"),
                List.of(
                        second.differences().get(0).subjectId(),
                        second.differences().get(0).field()));
        // Nothing is left waiting, and the finished request is not taken again.
        assertEquals(0, worker.runWaiting());
        assertEquals(List.of(), requests.waiting());
    }

    @Test
    void aCatalogOtherThanTheSnapshotsIsRefused() throws Exception {
        SnapshotContent content = captureLive(CATALOG.parse());
        StoredSnapshot snapshot = freeze(9, content);
        CatalogUpdate newer = new CatalogUpdate(CATALOG.version() + 1, CATALOG.yaml());
        SnapshotVerifier.Result result = new SnapshotVerifier(live, ENGINE, TENANTS, figures(), CLOCK)
                .verify(snapshot, newer, live.withDatabase(CLICKHOUSE.freshDatabase("verify_scratch")));
        assertEquals(VerificationRun.Outcome.FAILED, result.run().outcome());
        assertTrue(
                result.run().details().contains("catalog version"), result.run().details());
    }
}
