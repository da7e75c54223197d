package io.kpipulse.api.bench;

import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.lineage.LineageReader;
import io.kpipulse.api.lineage.LineageService;
import io.kpipulse.api.snapshots.CloseConfig;
import io.kpipulse.api.snapshots.FreezeService;
import io.kpipulse.api.snapshots.SnapshotServices;
import io.kpipulse.api.storage.ConnectionPool;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.FreezeProgressLog;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Period-close benchmark (not a test; run by {@code deploy/bench/close-bench.sh}): a local ClickHouse seeded
 * with N employees (default 100,000) in N / 100 departments, their base pay, and one month-to-date value of 40
 * indicators each (the template library's employee indicators, completed with copies under other ids), then
 * the freeze as the API runs it ({@link FreezeService}: capture through the read model, canonical hash, write),
 * and the two halves of verification that do not depend on the engine's replay speed: the integrity re-hash of
 * the stored lines, and the comparison of a fresh capture with the stored lines (what the verification command
 * does after its replay). Appends a section to deploy/bench/RESULTS.md.
 */
public final class CloseBench {

    private static final String TENANT = "t-bench";
    private static final Period MARCH = Period.parse("2026-03");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int INDICATORS = 40;
    private static final double TARGET_SECONDS = 10;

    private final int employees;
    private final String resultsFile;
    private final List<String> args;

    private CloseBench(int employees, String resultsFile, List<String> args) {
        this.employees = employees;
        this.resultsFile = resultsFile;
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        int employees = 100_000;
        String results = "deploy/bench/RESULTS.md";
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--employees" -> employees = Integer.parseInt(argv[++i]);
                case "--results" -> results = argv[++i];
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        int status = 0;
        try {
            new CloseBench(employees, results, List.of(argv)).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the local ClickHouse threads are not all daemons
    }

    /** The template library's month-to-date employee indicators, with copies until there are 40. */
    static IndicatorCatalog fortyIndicators() {
        List<IndicatorDefinition> kept = CatalogYaml.templateLibrary().indicators().stream()
                .filter(d -> d.windows().contains(WindowType.MONTH_TO_DATE)
                        && d.subjects().contains(SubjectType.EMPLOYEE))
                .toList();
        List<IndicatorDefinition> out = new ArrayList<>(kept);
        for (int i = 0; out.size() < INDICATORS; i++) {
            IndicatorDefinition d = kept.get(i % kept.size());
            out.add(new IndicatorDefinition(
                    d.id() + "_copy" + (i / kept.size() + 1),
                    d.names(),
                    d.descriptions(),
                    d.owner(),
                    d.perspective(),
                    d.unit(),
                    d.direction(),
                    d.aggregation(),
                    d.windows(),
                    d.subjects(),
                    d.targets(),
                    d.scale()));
        }
        return new IndicatorCatalog(2, out.subList(0, INDICATORS));
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("kpi-close-bench-");
        IndicatorCatalog catalog = fortyIndicators();
        try (LocalClickHouseServer clickHouse = LocalClickHouseServer.builder()
                .port(0)
                .dataDir(work.resolve("clickhouse"))
                .start()) {
            ClickHouseConnector connector =
                    new ClickHouseConnector(clickHouse.jdbcUrl(), "kpi_close_bench", "default", "", true);
            try (Connection c = connector.openWithoutDatabase();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS kpi_close_bench");
            }
            connector.migrator().migrate();
            long seedStart = System.nanoTime();
            long values = seed(connector, catalog);
            double seedSeconds = seconds(seedStart);
            log(String.format("seeded %,d employees and %,d values in %.1f s", employees, values, seedSeconds));

            TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: " + TENANT + ", zone: Asia/Shanghai}]");
            Clock clock = Clock.fixed(Instant.parse("2026-04-02T02:00:00Z"), ZoneOffset.UTC);
            try (ConnectionPool pool = new ConnectionPool(connector, 8, Duration.ofSeconds(60))) {
                CatalogService catalogService = new CatalogService(() -> catalog);
                IndicatorValueReader reader = new IndicatorValueReader(pool, ValueReadStrategy.FINAL, () -> catalog);
                OrgReader org = new OrgReader(pool);
                SnapshotServices close = SnapshotServices.create(
                        pool,
                        reader,
                        org,
                        catalogService,
                        new LineageService(
                                catalogService, new LineageReader(pool, io.kpipulse.api.http.ApiJson.mapper())),
                        new PeriodFigures(new ScoringStore(pool, clock)),
                        CloseConfig.defaults(),
                        clock);
                TenantDirectory.Tenant tenant = new TenantDirectory(tenants, clock).require(TENANT);

                // The freeze as the API runs it, but with its progress rows stamped by the wall clock (the API's
                // clock here is fixed), so the rows say where the freeze's own time went.
                FreezeService freeze = new FreezeService(
                        close.store(),
                        new SnapshotCapture(reader, org, new PeriodFigures(new ScoringStore(pool, clock))),
                        new EventLog(pool),
                        new FreezeProgressLog(pool, Clock.systemUTC()),
                        catalogService::current,
                        CloseConfig.defaults(),
                        clock);
                Instant freezeStartedAt = Instant.now();
                long freezeStart = System.nanoTime();
                StoredSnapshot snapshot = freeze.freeze(tenant, MARCH, "t-bench/hr", true, "benchmark")
                        .snapshot();
                double freezeSeconds = seconds(freezeStart);
                log(String.format(
                        "froze %,d lines, %,d values in %.2f s",
                        snapshot.lineCount(), snapshot.valueCount(), freezeSeconds));
                String freezePhases = freezePhases(pool, freezeStartedAt, freezeSeconds);
                log("freeze phases (from its progress rows; time since the previous row): " + freezePhases);

                SnapshotStore store = close.store();
                // The integrity check's own re-hash (the stored text hashed as stored).
                long rehashStart = System.nanoTime();
                boolean intact = store.rehash(snapshot).hash().equals(snapshot.contentHash());
                double rehashSeconds = seconds(rehashStart);

                // The comparison half of verification: the stored lines parsed, a fresh capture, the diff.
                long compareStart = System.nanoTime();
                List<SnapshotLine> stored = store.lines(snapshot);
                StringBuilder phases =
                        new StringBuilder(String.format("stored lines read %.2f s", seconds(compareStart)));
                long[] last = {System.nanoTime()};
                CaptureProgress timed = (phase, done, total) -> {
                    long now = System.nanoTime();
                    phases.append(", ").append(String.format("%s %.2f s", phase, (now - last[0]) / 1e9));
                    last[0] = now;
                };
                SnapshotContent again = new SnapshotCapture(
                                reader, org, new PeriodFigures(new ScoringStore(pool, clock)))
                        .capture(
                                TENANT,
                                MARCH,
                                ZONE,
                                catalog,
                                new EventLog(pool).positionBefore(TENANT, MARCH.endExclusive(ZONE)),
                                timed);
                long hashStart = System.nanoTime();
                String againHash = again.hash();
                phases.append(String.format(", hash %.2f s", seconds(hashStart)));
                List<SnapshotDiff.Difference> differences = SnapshotDiff.between(stored, again.lines());
                double compareSeconds = seconds(compareStart);
                // The write alone, as a version the period does not have (the store refuses rewriting version 1).
                long writeStart = System.nanoTime();
                StoredSnapshot probe = StoredSnapshot.of(
                        again, 99, "bench-write-probe", "t-bench/hr", clock.instant(), "write timing", true);
                store.write(
                        probe,
                        again,
                        new io.kpipulse.snapshots.Transition(
                                TENANT,
                                MARCH.id(),
                                probe.snapshotId(),
                                99,
                                io.kpipulse.snapshots.Transition.Kind.FROZEN,
                                "t-bench/hr",
                                clock.instant(),
                                "write timing"));
                phases.append(String.format(", write %.2f s", seconds(writeStart)));
                log("capture phases (time since the previous phase): " + phases);
                log(String.format(
                        "re-hash %.2f s (intact: %s), capture + compare %.2f s (%d differences)",
                        rehashSeconds, intact, compareSeconds, differences.size()));
                report(
                        snapshot,
                        values,
                        seedSeconds,
                        freezeSeconds,
                        rehashSeconds,
                        intact,
                        compareSeconds,
                        differences.size(),
                        againHash.equals(snapshot.contentHash()),
                        phases.toString(),
                        freezePhases);
            }
        }
    }

    /** Departments, placements, base pay and one value per employee and indicator, by INSERT ... SELECT. */
    private long seed(ClickHouseConnector connector, IndicatorCatalog catalog) throws Exception {
        String ids = String.join(
                ",", catalog.indicators().stream().map(d -> "'" + d.id() + "'").toList());
        int departments = Math.max(1, employees / 100);
        String at = "toDateTime64('2026-02-28 16:00:00', 3, 'UTC')";
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("INSERT INTO org_department_lines SELECT '" + TENANT + "',"
                    + " if(number = 0, 'd-root', concat('d-', toString(number))), " + at + ", 'CREATED',"
                    + " concat('部门 ', toString(number)), if(number = 0, '', 'd-root'), 'FRONT_LINE', 'LIFE_SALES',"
                    + " concat('ev-d', toString(number)), 1 FROM numbers(" + (departments + 1) + ")");
            s.execute("INSERT INTO org_employee_lines SELECT '" + TENANT + "',"
                    + " concat('e-', leftPad(toString(number), 6, '0')), " + at + ", 'HIRED',"
                    + " concat('d-', toString(1 + number % " + departments + ")), 'Agent', '', toDate('2025-01-01'),"
                    + " concat('ev-h', toString(number)), 1 FROM numbers(" + employees + ")");
            s.execute("INSERT INTO org_employee_personal SELECT '" + TENANT + "',"
                    + " concat('e-', leftPad(toString(number), 6, '0')), " + at + ", concat('员工', toString(number)),"
                    + " toDecimal64(5000 + number % 20000, 2), toDate('2025-01-01'), concat('ev-h', toString(number)), 1"
                    + " FROM numbers(" + employees + ")");
            s.execute(
                    "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version, updated_at) SELECT '"
                            + TENANT + "', ind, 'MONTH_TO_DATE', toDate('2026-03-01'),"
                            + " toDate('2026-03-31'), 'EMPLOYEE', concat('e-', leftPad(toString(number), 6, '0')) AS subject,"
                            + " toDecimal128(cityHash64(ind, subject) % 10000000, 6) / 100 AS v, v, NULL,"
                            + " toDecimal128(60000, 6), v / 60000, 1 + cityHash64(subject, ind) % 40,"
                            + " toDateTime64('2026-03-31 08:00:00', 3, 'UTC'), 2, 1, now64(3)"
                            + " FROM numbers(" + employees + ") ARRAY JOIN [" + ids + "] AS ind");
            s.execute(
                    "INSERT INTO raw_events SELECT '" + TENANT
                            + "', 'policy.PolicyIssued', concat('ev-', toString(number)),"
                            + " toDateTime64('2026-03-31 08:00:00', 3, 'UTC') + toIntervalSecond(number % 3600), 'policy', '', '',"
                            + " 1, '{}', '', 'kpi.events.policy', number % 12, intDiv(number, 12), now64(3) FROM numbers(120000)");
        }
        return (long) employees * catalog.size();
    }

    private void report(
            StoredSnapshot s,
            long values,
            double seedSeconds,
            double freezeSeconds,
            double rehashSeconds,
            boolean intact,
            double compareSeconds,
            int differences,
            boolean sameHash,
            String phases,
            String freezePhases)
            throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("\n## ")
                .append(LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")))
                .append(" UTC, period close\n\n");
        md.append("- command: `")
                .append(System.getProperty(
                        "kpi.bench.command", "deploy/bench/close-bench.sh " + String.join(" ", args)))
                .append("`\n");
        String dirty = shell("sh", "-c", "git status --porcelain -- . ':!deploy/bench/RESULTS.md' | head -1");
        md.append("- commit: `")
                .append(shell("git", "rev-parse", "--short", "HEAD"))
                .append('`')
                .append(dirty.isEmpty() ? "" : " plus uncommitted changes")
                .append('\n');
        md.append("- machine: ")
                .append(shell("nproc"))
                .append(" cores, load average ")
                .append(shell("sh", "-c", "cut -d' ' -f1-3 /proc/loadavg"))
                .append(", ")
                .append(System.getProperty("java.vm.name"))
                .append(' ')
                .append(System.getProperty("java.version"))
                .append("; ClickHouse (chDB behind the local HTTP server) and the freeze in one JVM\n");
        md.append(String.format(
                "- data: %,d employees in %,d departments, %d month-to-date indicators: %,d values in"
                        + " `indicator_values` (one version each), seeded in %.0f s; the freeze reads every version"
                        + " without FINAL and keeps the highest%n",
                employees, Math.max(1, employees / 100), INDICATORS, values, seedSeconds));
        md.append("- freeze = `FreezeService.freeze` (employee values streamed through"
                + " `IndicatorValueReader.forEachInstanceFigureRow` (RowBinary, 8 columns + version) in "
                + SnapshotCapture.READ_STREAMS
                + " parallel reads into one FrozenValue of longs per figure, while the org as of the period end and"
                + " the department values are read beside them; base pay, scoring, canonical figures text formatted"
                + " in parallel, then one SHA-256 on its own thread while the lines are written in "
                + SnapshotStore.LINE_BATCH + "-line RowBinary inserts " + SnapshotStore.WRITERS
                + " at a time (figures LZ4), header; progress rows stored)\n\n");
        md.append("| measure | value |\n|---|---|\n");
        md.append(String.format("| lines / values frozen | %,d / %,d |%n", s.lineCount(), s.valueCount()));
        md.append(String.format("| freeze, s | %.2f |%n", freezeSeconds));
        md.append(String.format(
                "| integrity: the stored lines read back (RowBinary) and their stored text re-hashed, s | %.2f (intact: %s) |%n",
                rehashSeconds, intact));
        md.append(String.format(
                "| verification comparison: stored lines read and parsed + fresh capture + figure-by-figure diff, s | %.2f (%d differences, same hash: %s) |%n",
                compareSeconds, differences, sameHash));
        md.append("| where the freeze's time goes (from its progress rows: before the first row; each phase;"
                + " the final row to the return) | " + freezePhases + " |\n");
        md.append("| where the comparison's time goes (stored lines read as RowBinary and parsed; its capture:"
                + " employee values, org and department values, scoring; hash; then a probe write of the lines) | "
                + phases + " |\n");
        md.append(String.format(
                "%nTarget freeze ≤ %.0f s for 100,000 × 40: %s. The replay half of the verification command"
                        + " (raw events through the engine on a MiniCluster) runs at the engine's throughput (see the"
                        + " engine sections) and is not part of these figures.%n",
                TARGET_SECONDS,
                employees < 100_000
                        ? "not measured at this size"
                        : freezeSeconds <= TARGET_SECONDS ? "met" : "missed"));
        System.out.print(md);
        Files.writeString(Path.of(resultsFile), md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log("appended to " + resultsFile);
    }

    /**
     * The freeze's phases from its stored progress rows (seq order): the time before its first row (period state,
     * readiness), the time from each row to the next, named by the later row's phase (the "writing lines" rows of
     * one freeze summed; "frozen" is the header and transition), and from the last row to the freeze's return.
     */
    private static String freezePhases(ConnectionPool pool, Instant startedAt, double totalSeconds) throws Exception {
        List<String> phases = new ArrayList<>();
        List<Long> at = new ArrayList<>();
        try (Connection c = pool.open();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT phase, toUnixTimestamp64Milli(at), done FROM"
                        + " snapshot_freeze_progress WHERE tenant_id = '" + TENANT + "' AND message != '"
                        + FreezeProgressLog.HEARTBEAT_MESSAGE + "' ORDER BY started_at, seq")) {
            while (rs.next()) {
                // The first "writing lines" row (none written yet) comes after the sort and the figures text (and,
                // before the store hashed while writing, the hash).
                phases.add(
                        rs.getString(1).equals("writing lines") && rs.getLong(3) == 0
                                ? "sort + text"
                                : rs.getString(1));
                at.add(rs.getLong(2));
            }
        }
        if (at.isEmpty()) {
            return "no progress rows";
        }
        java.util.LinkedHashMap<String, Double> spent = new java.util.LinkedHashMap<>();
        spent.put("before start", (at.get(0) - startedAt.toEpochMilli()) / 1e3);
        for (int i = 1; i < at.size(); i++) {
            spent.merge(phases.get(i), (at.get(i) - at.get(i - 1)) / 1e3, Double::sum);
        }
        double inRows = (at.get(at.size() - 1) - startedAt.toEpochMilli()) / 1e3;
        spent.put("after the last row", Math.max(0, totalSeconds - inRows));
        StringBuilder b = new StringBuilder();
        spent.forEach((phase, s) -> b.append(b.length() == 0 ? "" : ", ").append(String.format("%s %.2f s", phase, s)));
        return b.toString();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void log(String line) {
        System.out.println("[close-bench] " + line);
    }

    private static String shell(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "?";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }
}
