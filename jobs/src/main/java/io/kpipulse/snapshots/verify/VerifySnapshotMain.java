package io.kpipulse.snapshots.verify;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.config.Settings;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.periods.Period;
import io.kpipulse.pipeline.EngineConfig;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The verification command: {@code VerifySnapshotMain --tenant t-acme-life --period 2026-11 [--version 2]}.
 * Reads the engine's settings (ClickHouse, tenants, catalog file: {@code KPI_*} as for the engine), recomputes
 * the snapshot on a local MiniCluster into a scratch database {@code <database>_verify_<run>} that it drops
 * afterwards, prints every difference and records the run for the API. Exit code 0 when the recomputation
 * matches, 1 when it differs, 2 on bad arguments. With {@code --requests <poll seconds>} it is the worker that
 * verifies what HR asked for through the API ({@code POST .../periods/{period}/verifications}), with progress
 * the API shows ({@link VerificationWorker}), and on every pass what its schedule makes due ({@link VerifySchedule}:
 * {@code kpi.verify.*}).
 */
public final class VerifySnapshotMain {

    private VerifySnapshotMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(args);
        if (a.containsKey("requests")) {
            System.exit(serveRequests(Settings.fromProcess(), a.get("requests")));
        }
        if (!a.containsKey("tenant") || !a.containsKey("period")) {
            System.err.println("usage: VerifySnapshotMain --tenant <id> --period <2026-03|2026-Q1|2026> [--version n]\n"
                    + "       VerifySnapshotMain --requests <poll seconds, 0 = one pass>");
            System.exit(2);
        }
        Settings settings = Settings.fromProcess();
        ClickHouseConnector source = ClickHouseConnector.from(settings);
        Period period = Period.parse(a.get("period"));
        SnapshotStore store = new SnapshotStore(source::open);
        StoredSnapshot snapshot = (a.containsKey("version")
                        ? store.version(a.get("tenant"), period, Integer.parseInt(a.get("version")))
                        : store.latest(a.get("tenant"), period))
                .orElseThrow(() -> new IllegalArgumentException("no such snapshot of " + period));
        String file = settings.get(EngineOptions.CATALOG_FILE);
        CatalogUpdate catalog = CatalogUpdate.of(file.isBlank() ? CatalogYaml.templateLibraryText() : read(file));
        ClickHouseConnector scratch = source.withDatabase(source.database() + "_verify_"
                + Long.toString(System.currentTimeMillis(), 36).toLowerCase(Locale.ROOT));
        SnapshotVerifier.Result result;
        try {
            result = new SnapshotVerifier(
                            source,
                            EngineConfig.from(settings),
                            TenantRegistry.fromFileOrDemo(settings.get(EngineOptions.TENANTS_FILE)),
                            new PeriodFigures(new ScoringStore(source::open, Clock.systemUTC())),
                            Clock.systemUTC())
                    .verify(snapshot, catalog, scratch);
        } finally {
            drop(scratch);
        }
        System.out.printf(
                Locale.ROOT,
                "%s %s v%d: %s, %d events replayed, %d differences, hash %s (snapshot %s)%n",
                snapshot.tenantId(),
                period.id(),
                snapshot.version(),
                result.run().outcome(),
                result.run().eventsReplayed(),
                result.run().differences(),
                result.run().recomputedHash(),
                snapshot.contentHash());
        for (SnapshotDiff.Difference d : result.differences()) {
            System.out.printf(
                    Locale.ROOT,
                    "  %s %s %s: snapshot %s, recomputed %s%n",
                    d.subjectType(),
                    d.subjectId(),
                    d.field(),
                    d.before(),
                    d.after());
        }
        System.exit(result.run().outcome() == io.kpipulse.snapshots.VerificationRun.Outcome.MATCH ? 0 : 1);
    }

    /**
     * The worker: on every pass runs the schedule (integrity checks, scheduled requests), then verifies every waiting
     * request ({@link VerificationWorker}), once ({@code 0}) or polling every {@code pollSeconds} until stopped. Exit
     * code 0, or 2 on a bad poll interval.
     */
    private static int serveRequests(Settings settings, String pollSeconds) throws Exception {
        long poll;
        try {
            poll = Long.parseLong(pollSeconds);
        } catch (NumberFormatException e) {
            poll = -1;
        }
        if (poll < 0) {
            System.err.println("--requests takes the poll interval in seconds (0 = one pass)");
            return 2;
        }
        ClickHouseConnector source = ClickHouseConnector.from(settings);
        String file = settings.get(EngineOptions.CATALOG_FILE);
        CatalogUpdate catalog = CatalogUpdate.of(file.isBlank() ? CatalogYaml.templateLibraryText() : read(file));
        Clock clock = Clock.systemUTC();
        VerificationWorker worker = new VerificationWorker(
                source,
                new SnapshotVerifier(
                        source,
                        EngineConfig.from(settings),
                        TenantRegistry.fromFileOrDemo(settings.get(EngineOptions.TENANTS_FILE)),
                        new PeriodFigures(new ScoringStore(source::open, clock)),
                        clock),
                catalog,
                VerifySchedule.from(settings),
                "verifier@" + java.net.InetAddress.getLocalHost().getHostName() + "/"
                        + ProcessHandle.current().pid(),
                clock);
        do {
            VerificationWorker.ScheduledPass scheduled = worker.runSchedule();
            int finished = worker.runWaiting();
            System.out.printf(
                    Locale.ROOT,
                    "%d snapshot version(s) re-hashed (%d not intact), %d scheduled, %d verification request(s)"
                            + " finished%n",
                    scheduled.rehashed(),
                    scheduled.notIntact(),
                    scheduled.requested(),
                    finished);
            if (poll > 0) {
                Thread.sleep(poll * 1000);
            }
        } while (poll > 0);
        return 0;
    }

    private static void drop(ClickHouseConnector scratch) throws Exception {
        try (Connection c = scratch.openWithoutDatabase();
                Statement s = c.createStatement()) {
            // The name is ours (database + a base-36 time), never user input.
            s.execute("DROP DATABASE IF EXISTS " + scratch.database());
        }
    }

    static Map<String, String> arguments(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value, got " + args[i]);
            }
            out.put(args[i].substring(2), args[i + 1]);
        }
        return out;
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
