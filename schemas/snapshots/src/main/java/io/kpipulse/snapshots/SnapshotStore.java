package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.RowBinaryQuery;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.read.sql.StorageException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The period-close tables of V009: snapshot headers and lines, lifecycle transitions, the adjustments ledger,
 * disputes and verification runs. Only inserts and selects: there is no method that changes or removes a row.
 * A snapshot version is written once: {@link #write} refuses a version that already has a header, and among
 * headers of one version (writers that raced past every lock) the first written wins and is the only one read.
 * Every value is a bound parameter.
 */
public final class SnapshotStore {

    /**
     * Lines per insert: a tenant of 100,000 employees is four inserts of about 60 MB of figures each, few enough
     * round trips and parts, small enough to keep the driver's buffer bounded.
     */
    public static final int LINE_BATCH = 25_000;

    /** Inserts of one snapshot's lines running at once. */
    public static final int WRITERS = 2;

    private static final String HEADER_COLUMNS = "tenant_id, period, version, snapshot_id, capture_id, content_hash,"
            + " line_count, value_count, catalog_version, scoring_version, bonus_rules_version, event_count,"
            + " toUnixTimestamp64Milli(max_event_time) AS max_event_ms, partition_offsets, frozen_by,"
            + " toUnixTimestamp64Milli(frozen_at) AS frozen_ms, reason, forced";

    /** The winning header of each version: the first written (then the smallest capture id). */
    private static final String HEADERS = "SELECT " + HEADER_COLUMNS + " FROM snapshots WHERE tenant_id = ?"
            + " AND period = ? ORDER BY version, written_at, capture_id LIMIT 1 BY version";

    private final Connections connections;

    public SnapshotStore(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** Every version of the period's snapshot, oldest first. */
    public List<StoredSnapshot> versions(String tenantId, Period period) {
        return Sql.query(connections, HEADERS, List.of(tenantId, period.id()), rs -> header(rs, period));
    }

    /** Every version of every period of every tenant (the winning header of each): what a schedule works through. */
    public List<StoredSnapshot> allVersions() {
        return Sql.query(
                connections,
                "SELECT " + HEADER_COLUMNS + ", period AS period_id FROM snapshots"
                        + " ORDER BY tenant_id, period, version, written_at, capture_id LIMIT 1 BY tenant_id, period, version",
                List.of(),
                rs -> header(rs, Period.parse(rs.getString("period_id"))));
    }

    public Optional<StoredSnapshot> version(String tenantId, Period period, int version) {
        return versions(tenantId, period).stream()
                .filter(s -> s.version() == version)
                .findFirst();
    }

    public Optional<StoredSnapshot> latest(String tenantId, Period period) {
        List<StoredSnapshot> all = versions(tenantId, period);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(all.size() - 1));
    }

    /**
     * Writes a new snapshot version: the content's lines under the header's capture id (with the canonical figures
     * text the hash covered), then the header, then the FROZEN transition. Refused when the version already has a
     * header: a frozen snapshot is never rewritten.
     */
    public void write(StoredSnapshot header, SnapshotContent content, Transition frozen) {
        write(header, content, frozen, CaptureProgress.IGNORED);
    }

    /** {@link #write}, reporting the lines written so far to {@code progress} ("writing lines", done of total). */
    public void write(StoredSnapshot header, SnapshotContent content, Transition frozen, CaptureProgress progress) {
        refuseRewrite(header.tenantId(), header.period(), header.version(), header.snapshotId());
        List<String> figures = content.figures();
        insertLines(
                header.tenantId(),
                header.snapshotId(),
                header.captureId(),
                content.lines(),
                (from, to) -> figures.subList(from, to).toArray(new String[0]),
                progress);
        insertHeader(header);
        record(frozen);
    }

    private void insertHeader(StoredSnapshot header) {
        insert(
                "INSERT INTO snapshots (tenant_id, period, version, snapshot_id, capture_id, content_hash, line_count,"
                        + " value_count, catalog_version, scoring_version, bonus_rules_version, event_count,"
                        + " max_event_time, partition_offsets, frozen_by, frozen_at, reason, forced, written_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(Arrays.asList(
                        header.tenantId(),
                        header.period().id(),
                        (long) header.version(),
                        header.snapshotId(),
                        header.captureId(),
                        header.contentHash(),
                        header.lineCount(),
                        header.valueCount(),
                        header.catalogVersion(),
                        header.scoringVersion(),
                        header.bonusRulesVersion(),
                        header.position().eventCount(),
                        Instant.ofEpochMilli(header.position().maxEventTimeMillis()),
                        header.position().offsetsText(),
                        header.frozenBy(),
                        header.frozenAt(),
                        header.reason(),
                        header.forced() ? 1L : 0L,
                        Instant.now())));
    }

    /**
     * Freezes {@code content} as a new {@code version}: {@link #write}, with the content hash computed on another thread
     * while the lines are written (the lines need only the version's snapshot id and the capture id, not the hash).
     * Both the hash and the lines take the figures text formatted once. The header ({@link StoredSnapshot#of} with
     * these arguments) is written once both are done, so a failure of either leaves no snapshot.
     */
    public StoredSnapshot writeNew(
            SnapshotContent content,
            int version,
            String captureId,
            String actor,
            Instant at,
            String reason,
            boolean forced,
            java.util.function.Function<StoredSnapshot, Transition> frozen,
            CaptureProgress progress) {
        String snapshotId = SnapshotIds.of(content.tenantId(), content.period(), version);
        refuseRewrite(content.tenantId(), content.period(), version, snapshotId);
        // Formatted here, in parallel, before the hash and the lines both read them. (Formatting each batch in the
        // writer that inserts it, the hash following the batches, measured slower: 8.7 s against about 6.5 s for
        // this way in the same 04:25 run.)
        List<String> figures = content.figures();
        ExecutorService hasher = Executors.newSingleThreadExecutor();
        try {
            Future<String> hash = hasher.submit(content::hash);
            insertLines(
                    content.tenantId(),
                    snapshotId,
                    captureId,
                    content.lines(),
                    (from, to) -> figures.subList(from, to).toArray(new String[0]),
                    progress);
            hash.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while hashing a snapshot", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            hasher.shutdownNow();
        }
        StoredSnapshot header = StoredSnapshot.of(content, version, captureId, actor, at, reason, forced);
        insertHeader(header);
        record(frozen.apply(header));
        return header;
    }

    private void refuseRewrite(String tenantId, Period period, int version, String snapshotId) {
        if (version(tenantId, period, version).isPresent()) {
            throw new FrozenSnapshotException("snapshot " + snapshotId + " (" + period.id() + " version " + version
                    + ") is frozen; it cannot be written again");
        }
    }

    /**
     * The lines of a snapshot, in canonical order: read as RowBinary ({@link #forEachStoredLine}, the reader the
     * re-hash uses), parsed on every core (the figures text is most of the work: 40 figures a line), then sorted.
     */
    public List<SnapshotLine> lines(StoredSnapshot snapshot) {
        List<StoredRow> rows = new ArrayList<>((int) Math.min(snapshot.lineCount(), 1 << 24));
        // Unsorted, as the re-hash reads them: the server's ORDER BY over the figures text was most of the read.
        forEachStoredLine(snapshot, false, rows::add);
        return CanonicalForm.sorted(rows.parallelStream().map(StoredRow::line).toList());
    }

    /**
     * The content hash of a snapshot's lines as stored, and how many there are: the canonical text hashed straight from
     * the stored columns (read as RowBinary), the figures column as it is, since it holds the very text the freeze
     * hashed. No line is parsed or formatted again, so a changed stored byte always changes the hash.
     */
    public Rehash rehash(StoredSnapshot snapshot) {
        List<CanonicalForm.StoredLine> lines = new ArrayList<>((int) Math.min(snapshot.lineCount(), 1 << 24));
        forEachStoredLine(
                snapshot,
                false,
                row -> lines.add(new CanonicalForm.StoredLine(
                        row.subjectType(),
                        row.subjectId(),
                        CanonicalForm.storedPrefix(
                                row.subjectType(),
                                row.subjectId(),
                                row.departmentId(),
                                row.basePay(),
                                row.score(),
                                row.rating(),
                                row.multipliers(),
                                row.performancePay()),
                        row.figures())));
        return new Rehash(CanonicalForm.hashStored(snapshot, lines), lines.size());
    }

    /** One stored line's columns as stored: the multipliers and figures still text. */
    private record StoredRow(
            String subjectType,
            String subjectId,
            String departmentId,
            BigDecimal basePay,
            BigDecimal score,
            String rating,
            String multipliers,
            BigDecimal performancePay,
            String figures) {

        SnapshotLine line() {
            return new SnapshotLine(
                    SubjectType.valueOf(subjectType),
                    subjectId,
                    departmentId,
                    basePay,
                    score,
                    rating,
                    CanonicalForm.parseMultipliers(multipliers),
                    performancePay,
                    CanonicalForm.parseFigures(figures));
        }
    }

    /**
     * Every stored line of a snapshot version as RowBinary, each handed over as it is decoded; in canonical order
     * (sorted by the server) when {@code sorted}, else as stored (much faster: callers sort in memory).
     */
    private void forEachStoredLine(StoredSnapshot snapshot, boolean sorted, Consumer<StoredRow> each) {
        RowBinaryQuery.run(
                connections,
                "SELECT subject_type, subject_id, department_id, base_pay, score, rating, multipliers, performance_pay,"
                        + " figures FROM snapshot_lines WHERE tenant_id = {tenant:String}"
                        + " AND snapshot_id = {snapshot:String} AND capture_id = {capture:String}"
                        + (sorted ? " ORDER BY subject_type, subject_id" : ""),
                Map.of(
                        "tenant",
                        snapshot.tenantId(),
                        "snapshot",
                        snapshot.snapshotId(),
                        "capture",
                        snapshot.captureId()),
                STORED_LINE_COLUMNS,
                in -> {
                    while (in.hasRow()) {
                        each.accept(new StoredRow(
                                in.string(),
                                in.string(),
                                in.string(),
                                in.nullableDecimal128(6),
                                in.nullableDecimal128(6),
                                in.nullableString(),
                                in.string(),
                                in.nullableDecimal128(6),
                                in.string()));
                    }
                });
    }

    /** A re-hash of stored lines: their hash and their number. */
    public record Rehash(String hash, long lineCount) {}

    private static final String DECIMAL = "Nullable(Decimal(38, 6))";

    private static final List<RowBinaryQuery.Column> STORED_LINE_COLUMNS = List.of(
            RowBinaryQuery.Column.of("subject_type", "LowCardinality(String)", "String"),
            RowBinaryQuery.Column.of("subject_id", "String"),
            RowBinaryQuery.Column.of("department_id", "String"),
            RowBinaryQuery.Column.of("base_pay", DECIMAL),
            RowBinaryQuery.Column.of("score", DECIMAL),
            RowBinaryQuery.Column.of("rating", "Nullable(String)"),
            RowBinaryQuery.Column.of("multipliers", "String"),
            RowBinaryQuery.Column.of("performance_pay", DECIMAL),
            RowBinaryQuery.Column.of("figures", "String"));

    /** One subject's line of a snapshot. */
    public Optional<SnapshotLine> line(StoredSnapshot snapshot, SubjectType type, String subjectId) {
        return Sql.query(
                        connections,
                        "SELECT subject_type, subject_id, department_id, base_pay, score, rating, multipliers,"
                                + " performance_pay, figures FROM snapshot_lines WHERE tenant_id = ? AND snapshot_id = ?"
                                + " AND capture_id = ? AND subject_type = ? AND subject_id = ?",
                        List.of(
                                snapshot.tenantId(),
                                snapshot.snapshotId(),
                                snapshot.captureId(),
                                type.name(),
                                subjectId),
                        SnapshotStore::line)
                .stream()
                .findFirst();
    }

    public void record(Transition t) {
        insert(
                "INSERT INTO snapshot_transitions (tenant_id, period, snapshot_id, version, transition, actor, at, reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(Arrays.asList(
                        t.tenantId(),
                        t.period(),
                        t.snapshotId(),
                        (long) t.version(),
                        t.kind().name(),
                        t.actor(),
                        t.at(),
                        t.reason())));
    }

    /** The period's lifecycle, oldest first (a version's steps in lifecycle order even at one instant). */
    public List<Transition> transitions(String tenantId, Period period) {
        return Sql.query(
                connections,
                "SELECT snapshot_id, version, transition, actor, toUnixTimestamp64Milli(at) AS at_ms, reason"
                        + " FROM snapshot_transitions WHERE tenant_id = ? AND period = ?"
                        // A snapshot only moves forward (frozen, published, re-opened): the rank orders equal times.
                        + " ORDER BY at, version, indexOf(['FROZEN', 'PUBLISHED', 'REOPENED'], transition)",
                List.of(tenantId, period.id()),
                rs -> new Transition(
                        tenantId,
                        period.id(),
                        rs.getString("snapshot_id"),
                        (int) rs.getLong("version"),
                        Transition.Kind.valueOf(rs.getString("transition")),
                        rs.getString("actor"),
                        Instant.ofEpochMilli(rs.getLong("at_ms")),
                        rs.getString("reason")));
    }

    public void add(List<Adjustment> adjustments) {
        List<List<Object>> rows = new ArrayList<>();
        for (Adjustment a : adjustments) {
            rows.add(Arrays.asList(
                    a.tenantId(),
                    a.period(),
                    a.snapshotId(),
                    a.adjustmentId(),
                    a.subjectType().name(),
                    a.subjectId(),
                    a.indicatorId(),
                    a.oldValue(),
                    a.newValue(),
                    a.delta(),
                    a.cause().name(),
                    String.join(",", a.eventIds()),
                    a.disputeId(),
                    a.disposition().name(),
                    a.carriedTo(),
                    a.createdBy(),
                    a.createdAt()));
        }
        if (!rows.isEmpty()) {
            insert(
                    "INSERT INTO snapshot_adjustments (tenant_id, period, snapshot_id, adjustment_id, subject_type,"
                            + " subject_id, indicator_id, old_value, new_value, delta, cause, event_ids, dispute_id,"
                            + " disposition, carried_to, created_by, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows);
        }
    }

    /** The ledger of a period: adjustments of any of its snapshots, by subject and indicator. */
    public List<Adjustment> adjustments(String tenantId, Period period) {
        return Sql.query(
                connections,
                ADJUSTMENT_COLUMNS + " WHERE tenant_id = ? AND period = ?"
                        + " ORDER BY subject_type, subject_id, indicator_id, created_at",
                List.of(tenantId, period.id()),
                rs -> adjustment(tenantId, rs));
    }

    /**
     * The adjustments carried into {@code period} from earlier periods (disposition CARRY_FORWARD, {@code carried_to}
     * this period), by subject, indicator and when they were found: what this period's bonus sheet pays on top.
     */
    public List<Adjustment> carriedInto(String tenantId, Period period) {
        return Sql.query(
                connections,
                ADJUSTMENT_COLUMNS + " WHERE tenant_id = ? AND carried_to = ? AND disposition = 'CARRY_FORWARD'"
                        + " ORDER BY subject_type, subject_id, indicator_id, created_at, adjustment_id",
                List.of(tenantId, period.id()),
                rs -> adjustment(tenantId, rs));
    }

    private static final String ADJUSTMENT_COLUMNS = "SELECT period, snapshot_id, adjustment_id, subject_type,"
            + " subject_id, indicator_id, old_value, new_value, cause, event_ids, dispute_id, disposition, carried_to,"
            + " created_by, toUnixTimestamp64Milli(created_at) AS created_ms FROM snapshot_adjustments";

    private static Adjustment adjustment(String tenantId, ResultSet rs) throws SQLException {
        return new Adjustment(
                tenantId,
                rs.getString("period"),
                rs.getString("snapshot_id"),
                rs.getString("adjustment_id"),
                SubjectType.valueOf(rs.getString("subject_type")),
                rs.getString("subject_id"),
                rs.getString("indicator_id"),
                Sql.decimal(rs, "old_value"),
                Sql.decimal(rs, "new_value"),
                Adjustment.Cause.valueOf(rs.getString("cause")),
                rs.getString("event_ids").isEmpty()
                        ? List.of()
                        : List.of(rs.getString("event_ids").split(",")),
                rs.getString("dispute_id"),
                Adjustment.Disposition.valueOf(rs.getString("disposition")),
                rs.getString("carried_to"),
                rs.getString("created_by"),
                Instant.ofEpochMilli(rs.getLong("created_ms")));
    }

    public void add(DisputeStep s) {
        insert(
                "INSERT INTO snapshot_disputes (tenant_id, period, snapshot_id, dispute_id, step, subject_type,"
                        + " subject_id, indicator_id, actor, at, reason, claimed_value)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(Arrays.asList(
                        s.tenantId(),
                        s.period(),
                        s.snapshotId(),
                        s.disputeId(),
                        s.kind().name(),
                        s.subjectType().name(),
                        s.subjectId(),
                        s.indicatorId(),
                        s.actor(),
                        s.at(),
                        s.reason(),
                        s.claimedValue())));
    }

    /** Every step of the period's disputes, grouped by dispute (in order raised), each dispute's steps oldest first. */
    public Map<String, List<DisputeStep>> disputes(String tenantId, Period period) {
        Map<String, List<DisputeStep>> out = new LinkedHashMap<>();
        for (DisputeStep s : Sql.query(
                connections,
                "SELECT snapshot_id, dispute_id, step, subject_type, subject_id, indicator_id, actor,"
                        + " toUnixTimestamp64Milli(at) AS at_ms, reason, claimed_value FROM snapshot_disputes"
                        + " WHERE tenant_id = ? AND period = ? ORDER BY at, dispute_id",
                List.of(tenantId, period.id()),
                rs -> new DisputeStep(
                        tenantId,
                        period.id(),
                        rs.getString("snapshot_id"),
                        rs.getString("dispute_id"),
                        DisputeStep.Kind.valueOf(rs.getString("step")),
                        SubjectType.valueOf(rs.getString("subject_type")),
                        rs.getString("subject_id"),
                        rs.getString("indicator_id"),
                        rs.getString("actor"),
                        Instant.ofEpochMilli(rs.getLong("at_ms")),
                        rs.getString("reason"),
                        Sql.decimal(rs, "claimed_value")))) {
            out.computeIfAbsent(s.disputeId(), k -> new ArrayList<>()).add(s);
        }
        return out;
    }

    public void add(VerificationRun r) {
        insert(
                "INSERT INTO snapshot_verifications (tenant_id, period, snapshot_id, run_id, started_at, finished_at,"
                        + " outcome, events_replayed, differences, details, recomputed_hash)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                List.of(Arrays.asList(
                        r.tenantId(),
                        r.period(),
                        r.snapshotId(),
                        r.runId(),
                        r.startedAt(),
                        r.finishedAt(),
                        r.outcome().name(),
                        r.eventsReplayed(),
                        r.differences(),
                        r.details(),
                        r.recomputedHash())));
    }

    /** The verification runs of a snapshot, newest first. */
    public List<VerificationRun> verifications(String tenantId, Period period, String snapshotId) {
        return Sql.query(
                connections,
                "SELECT run_id, toUnixTimestamp64Milli(started_at) AS started_ms,"
                        + " toUnixTimestamp64Milli(finished_at) AS finished_ms, outcome, events_replayed, differences,"
                        + " details, recomputed_hash FROM snapshot_verifications WHERE tenant_id = ? AND period = ?"
                        + " AND snapshot_id = ? ORDER BY started_at DESC, run_id",
                List.of(tenantId, period.id(), snapshotId),
                rs -> new VerificationRun(
                        tenantId,
                        period.id(),
                        snapshotId,
                        rs.getString("run_id"),
                        Instant.ofEpochMilli(rs.getLong("started_ms")),
                        Instant.ofEpochMilli(rs.getLong("finished_ms")),
                        VerificationRun.Outcome.valueOf(rs.getString("outcome")),
                        rs.getLong("events_replayed"),
                        rs.getLong("differences"),
                        rs.getString("details"),
                        rs.getString("recomputed_hash")));
    }

    /** The newest verification run of each snapshot (by id, every tenant): what a schedule decides on. */
    public Map<String, VerificationRun> newestRuns() {
        Map<String, VerificationRun> out = new java.util.HashMap<>();
        for (VerificationRun r : Sql.query(
                connections,
                "SELECT tenant_id, period, snapshot_id, run_id, toUnixTimestamp64Milli(started_at) AS started_ms,"
                        + " toUnixTimestamp64Milli(finished_at) AS finished_ms, outcome, events_replayed, differences,"
                        + " '' AS details, recomputed_hash FROM snapshot_verifications"
                        + " ORDER BY snapshot_id, finished_at DESC, run_id LIMIT 1 BY snapshot_id",
                List.of(),
                rs -> new VerificationRun(
                        rs.getString("tenant_id"),
                        rs.getString("period"),
                        rs.getString("snapshot_id"),
                        rs.getString("run_id"),
                        Instant.ofEpochMilli(rs.getLong("started_ms")),
                        Instant.ofEpochMilli(rs.getLong("finished_ms")),
                        VerificationRun.Outcome.valueOf(rs.getString("outcome")),
                        rs.getLong("events_replayed"),
                        rs.getLong("differences"),
                        rs.getString("details"),
                        rs.getString("recomputed_hash")))) {
            out.put(r.snapshotId(), r);
        }
        return out;
    }

    /**
     * The lines in inserts of {@value #LINE_BATCH} (RowBinary through the driver), {@value #WRITERS} at a time. A
     * failed insert fails the write before any header exists, so a half-written capture is never a snapshot.
     */
    private void insertLines(
            String tenantId,
            String snapshotId,
            String captureId,
            List<SnapshotLine> lines,
            BatchText figures,
            CaptureProgress progress) {
        java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
        progress.report("writing lines", 0, lines.size());
        List<Callable<Void>> batches = new ArrayList<>();
        for (int from = 0; from < lines.size(); from += LINE_BATCH) {
            int start = from;
            int end = Math.min(lines.size(), from + LINE_BATCH);
            batches.add(() -> {
                String[] text = figures.of(start, end);
                List<List<Object>> rows = new ArrayList<>(end - start);
                for (int i = start; i < end; i++) {
                    SnapshotLine l = lines.get(i);
                    rows.add(Arrays.asList(
                            tenantId,
                            snapshotId,
                            captureId,
                            l.subjectType().name(),
                            l.subjectId(),
                            l.departmentId(),
                            l.basePay(),
                            l.score(),
                            l.rating(),
                            CanonicalForm.multipliers(l.multipliers()),
                            l.performancePay(),
                            text[i - start]));
                }
                insertLineRows(rows);
                progress.report("writing lines", written.addAndGet(rows.size()), lines.size());
                return null;
            });
        }
        if (batches.size() <= 1) {
            for (Callable<Void> b : batches) {
                call(b);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(WRITERS, batches.size()));
        try {
            for (Future<Void> f : pool.invokeAll(batches)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while writing snapshot lines", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r
                    ? r
                    : new StorageException("ClickHouse write failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The figures fields of lines {@code from} to {@code to} (exclusive), in line order. */
    @FunctionalInterface
    private interface BatchText {
        String[] of(int from, int to);
    }

    private static void call(Callable<Void> batch) {
        try {
            batch.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StorageException("ClickHouse write failed", e);
        }
    }

    private void insertLineRows(List<List<Object>> rows) {
        insert(
                "INSERT INTO snapshot_lines (tenant_id, snapshot_id, capture_id, subject_type, subject_id, department_id,"
                        + " base_pay, score, rating, multipliers, performance_pay, figures)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                rows);
    }

    private static StoredSnapshot header(ResultSet rs, Period period) throws SQLException {
        return new StoredSnapshot(
                rs.getString("tenant_id"),
                period,
                (int) rs.getLong("version"),
                rs.getString("snapshot_id"),
                rs.getString("capture_id"),
                rs.getString("content_hash"),
                rs.getLong("line_count"),
                rs.getLong("value_count"),
                rs.getLong("catalog_version"),
                rs.getString("scoring_version"),
                rs.getString("bonus_rules_version"),
                new EventLogPosition(
                        rs.getLong("event_count"),
                        rs.getLong("max_event_ms"),
                        EventLogPosition.parseOffsets(rs.getString("partition_offsets"))),
                rs.getString("frozen_by"),
                Instant.ofEpochMilli(rs.getLong("frozen_ms")),
                rs.getString("reason"),
                rs.getLong("forced") == 1);
    }

    private static SnapshotLine line(ResultSet rs) throws SQLException {
        return new SnapshotLine(
                SubjectType.valueOf(rs.getString("subject_type")),
                rs.getString("subject_id"),
                rs.getString("department_id"),
                Sql.decimal(rs, "base_pay"),
                Sql.decimal(rs, "score"),
                rs.getString("rating"),
                CanonicalForm.parseMultipliers(rs.getString("multipliers")),
                Sql.decimal(rs, "performance_pay"),
                CanonicalForm.parseFigures(rs.getString("figures")));
    }

    /** One batch insert; decimals may be null, instants are written as UTC wall-clock time. */
    private void insert(String sql, List<List<Object>> rows) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    bind(ps, i + 1, row.get(i));
                }
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StorageException("ClickHouse write failed", e);
        }
    }

    private static void bind(PreparedStatement ps, int index, Object value) throws SQLException {
        if (value == null) {
            // Only nullable columns take nulls: decimals, and a rating nobody computed.
            ps.setNull(index, Types.VARCHAR);
        } else if (value instanceof String s) {
            ps.setString(index, s);
        } else if (value instanceof Long n) {
            ps.setLong(index, n);
        } else if (value instanceof BigDecimal d) {
            ps.setBigDecimal(index, d);
        } else if (value instanceof Instant t) {
            ps.setObject(index, LocalDateTime.ofInstant(t, ZoneOffset.UTC));
        } else {
            throw new IllegalArgumentException("unsupported column value " + value.getClass());
        }
    }
}
