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
 * matches, 1 when it differs, 2 on bad arguments.
 */
public final class VerifySnapshotMain {

    private VerifySnapshotMain() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> a = arguments(args);
        if (!a.containsKey("tenant") || !a.containsKey("period")) {
            System.err.println("usage: VerifySnapshotMain --tenant <id> --period <2026-03|2026-Q1|2026> [--version n]");
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
