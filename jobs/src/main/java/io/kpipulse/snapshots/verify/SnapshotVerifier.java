package io.kpipulse.snapshots.verify;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.pipeline.EngineConfig;
import io.kpipulse.pipeline.IndicatorPipeline;
import io.kpipulse.read.calendars.CalendarVersionStore;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Proves a snapshot from the event log: replays the tenant's archived events up to the period's end through the
 * engine ({@link IndicatorPipeline}, bounded, on whatever Flink environment is current: a MiniCluster locally)
 * with the snapshot's catalog version into a scratch database, captures the period there exactly as a freeze
 * does ({@link SnapshotCapture}), and compares figure by figure with the stored lines. Every difference is
 * listed; the run is recorded in {@code snapshot_verifications}, where the API reports it.
 *
 * <p>The replay is in event-time order with a watermark that trails it by the engine's out-of-orderness, so no
 * replayed event is late or beyond the horizon; scoring is recomputed through the same {@link PeriodFigures}.
 */
public final class SnapshotVerifier {

    /** What a run found. */
    public record Result(VerificationRun run, List<SnapshotDiff.Difference> differences) {}

    /** Differences kept in the stored details; the count is always exact. */
    static final int DETAILS_LIMIT = 1000;

    private final ClickHouseConnector source;
    private final EngineConfig engine;
    private final TenantRegistry tenants;
    private final PeriodFigures figures;
    private final Clock clock;

    public SnapshotVerifier(
            ClickHouseConnector source,
            EngineConfig engine,
            TenantRegistry tenants,
            PeriodFigures figures,
            Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.engine = Objects.requireNonNull(engine, "engine");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.figures = Objects.requireNonNull(figures, "figures");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Verifies {@code snapshot} by recomputing it in {@code scratch} (a database that must not exist yet; it is
     * created and migrated here) with {@code catalog}, which must be the snapshot's catalog version.
     */
    public Result verify(StoredSnapshot snapshot, CatalogUpdate catalog, ClickHouseConnector scratch) throws Exception {
        return verify(snapshot, catalog, scratch, CaptureProgress.IGNORED);
    }

    /**
     * {@link #verify(StoredSnapshot, CatalogUpdate, ClickHouseConnector)}, reporting each phase to {@code progress}:
     * reading the archived events, replaying them (with their count), the capture's own phases, comparing.
     */
    public Result verify(
            StoredSnapshot snapshot, CatalogUpdate catalog, ClickHouseConnector scratch, CaptureProgress progress)
            throws Exception {
        Instant started = clock.instant();
        String runId = UUID.randomUUID().toString();
        SnapshotStore store = new SnapshotStore(source::open);
        IndicatorCatalog parsed = catalog.parse();
        if (parsed.version() != snapshot.catalogVersion()) {
            VerificationRun failed = run(
                    snapshot,
                    runId,
                    started,
                    VerificationRun.Outcome.FAILED,
                    0,
                    0,
                    "catalog version " + parsed.version() + " given, the snapshot was frozen with version "
                            + snapshot.catalogVersion(),
                    "");
            store.add(failed);
            return new Result(failed, List.of());
        }
        ZoneId zone = tenants.calendars().get(snapshot.tenantId()).zone();
        progress.report("reading events", 0, snapshot.position().eventCount());
        List<RawRecord> records = new ArchivedRecords(source::open)
                .before(snapshot.tenantId(), snapshot.period().endExclusive(zone));
        scratch.migrator().migrate();
        progress.report("replaying events", 0, records.size());
        // The calendar versions the engine ran: a working-day duration is measured with the one in force at
        // its completing event, so without them a recomputation would disagree where the live run did not.
        List<CalendarUpdate> calendars = new CalendarVersionStore(source::open)
                .published(snapshot.tenantId()).stream().map(CalendarUpdate::of).toList();
        replay(records, catalog, calendars, scratch);
        progress.report("replayed events", records.size(), records.size());

        SnapshotContent recomputed = new SnapshotCapture(
                        new IndicatorValueReader(scratch::open, ValueReadStrategy.FINAL, () -> parsed),
                        new OrgReader(scratch::open),
                        figures)
                .capture(
                        snapshot.tenantId(),
                        snapshot.period(),
                        zone,
                        parsed,
                        snapshot.position(),
                        (phase, done, total) -> progress.report("recomputed " + phase, done, total));
        progress.report("comparing", 0, recomputed.lines().size());
        List<SnapshotLine> stored = store.lines(snapshot);
        List<SnapshotDiff.Difference> differences = SnapshotDiff.between(stored, recomputed.lines());
        String recomputedHash = recomputed.hash();
        boolean sameEvents = records.size() == snapshot.position().eventCount();
        boolean match = differences.isEmpty() && sameEvents && recomputedHash.equals(snapshot.contentHash());
        VerificationRun run = run(
                snapshot,
                runId,
                started,
                match ? VerificationRun.Outcome.MATCH : VerificationRun.Outcome.DIFFERENT,
                records.size(),
                differences.size() + (sameEvents ? 0 : 1),
                details(snapshot.position().eventCount(), records.size(), differences),
                recomputedHash);
        // Every difference, for the API to page through; the run's details keep only the first ones.
        new VerificationRequests(source::open).addDifferences(snapshot.tenantId(), runId, differences);
        store.add(run);
        return new Result(run, differences);
    }

    private void replay(
            List<RawRecord> records, CatalogUpdate catalog, List<CalendarUpdate> calendars, ClickHouseConnector scratch)
            throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(engine.parallelism());
        IndicatorPipeline pipeline = new IndicatorPipeline(engine, catalog, tenants);
        Duration lag = engine.outOfOrderness();
        DataStream<RawRecord> source = env.fromData(records, TypeInformation.of(RawRecord.class))
                .setParallelism(1)
                .assignTimestampsAndWatermarks(WatermarkStrategy.<RawRecord>forBoundedOutOfOrderness(lag)
                        .withTimestampAssigner((r, ts) -> r.time()))
                .setParallelism(1);
        // No catalog updates: the snapshot's version is the initial catalog. The control input follows the
        // events' watermark (a bounded source of its own would finish first and hold nothing back, or hold
        // everything back while it runs).
        DataStream<CatalogUpdate> noUpdates =
                source.filter(r -> false).map(r -> catalog).returns(TypeInformation.of(CatalogUpdate.class));
        ClickHouseRecomputeSinks sinks = new ClickHouseRecomputeSinks(scratch, SinkOptions.defaults(), false);
        if (calendars.isEmpty()) {
            pipeline.build(source, noUpdates, sinks);
        } else {
            // The calendar versions from a bounded source of their own: its watermark stays at its start until it
            // has sent them all, so every version reaches admission and the join before any event is released.
            DataStream<CalendarUpdate> versions = env.fromData(calendars, TypeInformation.of(CalendarUpdate.class))
                    .setParallelism(1);
            pipeline.build(source, noUpdates, versions, IndicatorPipeline.noRuleUpdates(noUpdates), sinks);
        }
        env.execute("kpi-snapshot-verify");
    }

    private VerificationRun run(
            StoredSnapshot s,
            String runId,
            Instant started,
            VerificationRun.Outcome outcome,
            long events,
            long differences,
            String details,
            String hash) {
        return new VerificationRun(
                s.tenantId(),
                s.period().id(),
                s.snapshotId(),
                runId,
                started,
                clock.instant(),
                outcome,
                events,
                differences,
                details,
                hash);
    }

    /** The stored details: event counts and the first differences, as JSON. */
    static String details(long inPosition, long replayed, List<SnapshotDiff.Difference> differences) {
        StringBuilder b = new StringBuilder("{\"eventsInSnapshotPosition\":").append(inPosition);
        b.append(",\"eventsReplayed\":").append(replayed).append(",\"differences\":[");
        int n = 0;
        for (SnapshotDiff.Difference d : differences) {
            if (n == DETAILS_LIMIT) {
                break;
            }
            b.append(n++ == 0 ? "" : ",")
                    .append("{\"subjectType\":")
                    .append(quote(d.subjectType().name()))
                    .append(",\"subjectId\":")
                    .append(quote(d.subjectId()))
                    .append(",\"field\":")
                    .append(quote(d.field()))
                    .append(",\"snapshot\":")
                    .append(quote(d.before()))
                    .append(",\"recomputed\":")
                    .append(quote(d.after()))
                    .append('}');
        }
        return b.append("]}").toString();
    }

    private static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
