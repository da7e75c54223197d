package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.read.sql.StorageException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * Verification requests and what runs found (V018): the API records a request, the verification command's
 * worker claims it, reports its phases and finishes it; every difference of a run is stored so the API can page
 * through them. Insert-only, like the other close tables: a request's state is its newest step. Every value is a
 * bound parameter.
 */
public final class VerificationRequests {

    private static final String STEPS = "SELECT tenant_id, period, snapshot_id, version, request_id, step, actor,"
            + " toUnixTimestamp64Milli(at) AS at_ms, reason, phase, done, total, run_id, message"
            + " FROM snapshot_verification_requests";

    /** Steps of one request in the order they happened (equal instants: in lifecycle order). */
    private static final String IN_ORDER =
            " ORDER BY request_id, at, indexOf(['REQUESTED', 'RUNNING', 'DONE', 'FAILED'], step), actor";

    private final Connections connections;

    public VerificationRequests(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** Records a new request for {@code snapshot}: its first step, REQUESTED. */
    public VerificationRequest request(StoredSnapshot snapshot, String actor, String reason, Instant at) {
        return request(snapshot, actor, reason, at, "v-" + UUID.randomUUID());
    }

    /**
     * Records a request under a given id ({@code v-<uuid>}): the verification schedule derives it, so that two workers
     * asking for the same recomputation at once make one request (a second REQUESTED step of an id changes nothing).
     */
    public VerificationRequest request(
            StoredSnapshot snapshot, String actor, String reason, Instant at, String requestId) {
        insert(new StepRow(
                snapshot.tenantId(),
                snapshot.period().id(),
                snapshot.snapshotId(),
                snapshot.version(),
                requestId,
                VerificationRequest.Status.REQUESTED,
                actor,
                at,
                reason,
                "requested",
                0,
                0,
                "",
                ""));
        return find(snapshot.tenantId(), snapshot.period().id(), requestId).orElseThrow();
    }

    /** The request as it stands, or empty when the period has no such request. */
    public Optional<VerificationRequest> find(String tenantId, String period, String requestId) {
        List<VerificationRequest> found = fold(Sql.query(
                connections,
                STEPS + " WHERE tenant_id = ? AND period = ? AND request_id = ?" + IN_ORDER,
                List.of(tenantId, period, requestId),
                VerificationRequests::step));
        return found.stream().findFirst();
    }

    /** The period's requests, oldest first. */
    public List<VerificationRequest> of(String tenantId, String period) {
        List<VerificationRequest> all = fold(Sql.query(
                connections,
                STEPS + " WHERE tenant_id = ? AND period = ?" + IN_ORDER,
                List.of(tenantId, period),
                VerificationRequests::step));
        all.sort(java.util.Comparator.comparing(VerificationRequest::requestedAt)
                .thenComparing(VerificationRequest::requestId));
        return all;
    }

    /** Every tenant's requests nobody has claimed yet, oldest first: the worker's queue. */
    public List<VerificationRequest> waiting() {
        List<VerificationRequest> open = new ArrayList<>();
        for (VerificationRequest r : fold(Sql.query(
                connections,
                STEPS + " WHERE request_id IN (SELECT request_id FROM snapshot_verification_requests"
                        + " GROUP BY request_id HAVING countIf(step != 'REQUESTED') = 0)" + IN_ORDER,
                List.of(),
                VerificationRequests::step))) {
            if (r.status() == VerificationRequest.Status.REQUESTED) {
                open.add(r);
            }
        }
        open.sort(java.util.Comparator.comparing(VerificationRequest::requestedAt)
                .thenComparing(VerificationRequest::requestId));
        return open;
    }

    /** Every tenant's requests not finished yet (waiting or running), oldest first. */
    public List<VerificationRequest> open() {
        List<VerificationRequest> open = new ArrayList<>();
        for (VerificationRequest r : fold(Sql.query(
                connections,
                STEPS + " WHERE request_id IN (SELECT request_id FROM snapshot_verification_requests"
                        + " GROUP BY request_id HAVING countIf(step IN ('DONE', 'FAILED')) = 0)" + IN_ORDER,
                List.of(),
                VerificationRequests::step))) {
            if (r.status().open()) {
                open.add(r);
            }
        }
        open.sort(java.util.Comparator.comparing(VerificationRequest::requestedAt)
                .thenComparing(VerificationRequest::requestId));
        return open;
    }

    /**
     * Every tenant's requests asked by {@code requester} that ended FAILED, oldest first (their {@code updatedAt} is
     * when they failed): the verification schedule retries its own failed requests from them.
     */
    public List<VerificationRequest> failedAskedBy(String requester) {
        List<VerificationRequest> failed = new ArrayList<>();
        for (VerificationRequest r : fold(Sql.query(
                connections,
                STEPS + " WHERE request_id IN (SELECT request_id FROM snapshot_verification_requests"
                        + " GROUP BY request_id HAVING countIf(step = 'FAILED') > 0"
                        + " AND countIf(step = 'REQUESTED' AND actor = ?) > 0)" + IN_ORDER,
                List.of(requester),
                VerificationRequests::step))) {
            if (r.status() == VerificationRequest.Status.FAILED
                    && r.requestedBy().equals(requester)) {
                failed.add(r);
            }
        }
        failed.sort(java.util.Comparator.comparing(VerificationRequest::requestedAt)
                .thenComparing(VerificationRequest::requestId));
        return failed;
    }

    /**
     * Claims a waiting request for {@code worker}: writes its RUNNING step, then reads the request back. Of two
     * workers that claimed at once, the first RUNNING step (time, then worker name) owns it; the other gets false
     * and leaves it alone.
     */
    public boolean claim(VerificationRequest r, String worker, Instant at) {
        progress(r, worker, at, "claimed", 0, 0);
        List<StepRow> steps = Sql.query(
                connections,
                STEPS + " WHERE tenant_id = ? AND period = ? AND request_id = ? AND step = 'RUNNING'"
                        + " ORDER BY at, actor LIMIT 1",
                List.of(r.tenantId(), r.period(), r.requestId()),
                VerificationRequests::step);
        return !steps.isEmpty() && steps.get(0).actor().equals(worker);
    }

    /** The worker reached {@code phase}: {@code done} out of {@code total} (0 when not counted). */
    public void progress(VerificationRequest r, String worker, Instant at, String phase, long done, long total) {
        insert(StepRow.of(r, VerificationRequest.Status.RUNNING, worker, at, phase, done, total, "", ""));
    }

    /** The request is done: its outcome is the recorded run {@code runId}. */
    public void done(VerificationRequest r, String worker, Instant at, VerificationRun run) {
        insert(StepRow.of(
                r,
                VerificationRequest.Status.DONE,
                worker,
                at,
                "done",
                0,
                0,
                run.runId(),
                run.outcome().name()));
    }

    /** The request could not be verified; {@code message} says why (no personal data). */
    public void failed(VerificationRequest r, String worker, Instant at, String message) {
        insert(StepRow.of(r, VerificationRequest.Status.FAILED, worker, at, "failed", 0, 0, "", message));
    }

    /** Stores every difference of a run, numbered in the order found. */
    public void addDifferences(String tenantId, String runId, List<SnapshotDiff.Difference> differences) {
        if (differences.isEmpty()) {
            return;
        }
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_verification_differences"
                        + " (tenant_id, run_id, seq, subject_type, subject_id, field, snapshot, recomputed,"
                        + " snapshot_value, recomputed_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            long seq = 0;
            for (SnapshotDiff.Difference d : differences) {
                ps.setString(1, tenantId);
                ps.setString(2, runId);
                ps.setLong(3, seq++);
                ps.setString(4, d.subjectType().name());
                ps.setString(5, d.subjectId());
                ps.setString(6, d.field());
                ps.setString(7, d.before());
                ps.setString(8, d.after());
                decimal(ps, 9, d.valueBefore());
                decimal(ps, 10, d.valueAfter());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new StorageException("ClickHouse write failed", e);
        }
    }

    /** A page of a run's differences and how many it found in all. */
    public record DifferencePage(long total, List<SnapshotDiff.Difference> differences) {}

    public DifferencePage differences(String tenantId, String runId, int limit, int offset) {
        long total = Sql.query(
                        connections,
                        "SELECT count() AS n FROM snapshot_verification_differences WHERE tenant_id = ? AND run_id = ?",
                        List.of(tenantId, runId),
                        rs -> rs.getLong("n"))
                .get(0);
        List<SnapshotDiff.Difference> page = Sql.query(
                connections,
                "SELECT subject_type, subject_id, field, snapshot, recomputed, snapshot_value, recomputed_value"
                        + " FROM snapshot_verification_differences"
                        + " WHERE tenant_id = ? AND run_id = ? ORDER BY seq LIMIT ? OFFSET ?",
                List.of(tenantId, runId, limit, offset),
                rs -> new SnapshotDiff.Difference(
                        SubjectType.valueOf(rs.getString("subject_type")),
                        rs.getString("subject_id"),
                        rs.getString("field"),
                        rs.getString("snapshot"),
                        rs.getString("recomputed"),
                        Sql.decimal(rs, "snapshot_value"),
                        Sql.decimal(rs, "recomputed_value")));
        return new DifferencePage(total, page);
    }

    private static void decimal(PreparedStatement ps, int index, BigDecimal d) throws SQLException {
        if (d == null) {
            ps.setNull(index, java.sql.Types.DECIMAL);
        } else {
            ps.setBigDecimal(index, d);
        }
    }

    /** One stored step: a row of {@code snapshot_verification_requests}. */
    private record StepRow(
            String tenantId,
            String period,
            String snapshotId,
            int version,
            String requestId,
            VerificationRequest.Status step,
            String actor,
            Instant at,
            String reason,
            String phase,
            long done,
            long total,
            String runId,
            String message) {

        /** A worker's step of request {@code r} (no reason: only the request's first step has one). */
        static StepRow of(
                VerificationRequest r,
                VerificationRequest.Status step,
                String worker,
                Instant at,
                String phase,
                long done,
                long total,
                String runId,
                String message) {
            return new StepRow(
                    r.tenantId(),
                    r.period(),
                    r.snapshotId(),
                    r.version(),
                    r.requestId(),
                    step,
                    worker,
                    at,
                    "",
                    phase,
                    done,
                    total,
                    runId,
                    message);
        }
    }

    private static StepRow step(ResultSet rs) throws SQLException {
        return new StepRow(
                rs.getString("tenant_id"),
                rs.getString("period"),
                rs.getString("snapshot_id"),
                (int) rs.getLong("version"),
                rs.getString("request_id"),
                VerificationRequest.Status.valueOf(rs.getString("step")),
                rs.getString("actor"),
                Instant.ofEpochMilli(rs.getLong("at_ms")),
                rs.getString("reason"),
                rs.getString("phase"),
                rs.getLong("done"),
                rs.getLong("total"),
                rs.getString("run_id"),
                rs.getString("message"));
    }

    /**
     * Steps (ordered per request) into requests: the first step says who asked, the newest where it stands. Once
     * finished a request stays finished; once claimed, only its owner's steps count (the first RUNNING step's
     * worker).
     */
    private static List<VerificationRequest> fold(List<StepRow> steps) {
        Map<String, List<StepRow>> byRequest = new LinkedHashMap<>();
        for (StepRow s : steps) {
            byRequest.computeIfAbsent(s.requestId(), k -> new ArrayList<>()).add(s);
        }
        List<VerificationRequest> out = new ArrayList<>();
        for (List<StepRow> rows : byRequest.values()) {
            StepRow first = rows.get(0);
            if (first.step() != VerificationRequest.Status.REQUESTED) {
                continue; // not a request this API recorded
            }
            StepRow current = first;
            String owner = null;
            for (StepRow s : rows.subList(1, rows.size())) {
                if (!current.step().open()) {
                    break;
                }
                if (owner == null && s.step() == VerificationRequest.Status.RUNNING) {
                    owner = s.actor();
                }
                if (s.step() != VerificationRequest.Status.REQUESTED
                        && s.actor().equals(owner)) {
                    current = s;
                }
            }
            out.add(new VerificationRequest(
                    first.tenantId(),
                    first.period(),
                    first.snapshotId(),
                    first.version(),
                    first.requestId(),
                    first.actor(),
                    first.at(),
                    first.reason(),
                    current.step(),
                    current.phase(),
                    current.done(),
                    current.total(),
                    current.runId(),
                    current.message(),
                    current.at()));
        }
        return out;
    }

    private void insert(StepRow row) {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_verification_requests"
                        + " (tenant_id, period, snapshot_id, version, request_id, step, actor, at, reason, phase, done,"
                        + " total, run_id, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, row.tenantId());
            ps.setString(2, row.period());
            ps.setString(3, row.snapshotId());
            ps.setLong(4, row.version());
            ps.setString(5, row.requestId());
            ps.setString(6, row.step().name());
            ps.setString(7, row.actor());
            ps.setObject(8, LocalDateTime.ofInstant(row.at(), ZoneOffset.UTC));
            ps.setString(9, row.reason() == null ? "" : row.reason());
            ps.setString(10, row.phase());
            ps.setLong(11, row.done());
            ps.setLong(12, row.total());
            ps.setString(13, row.runId());
            ps.setString(14, row.message() == null ? "" : row.message());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("ClickHouse write failed", e);
        }
    }
}
