package io.kpipulse.snapshots;

import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.read.sql.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Integrity re-hashes of stored snapshot lines (V022 {@code snapshot_integrity_checks}): {@link #check} reads a
 * version's lines back, hashes their stored text with its header as a freeze did ({@link SnapshotStore#rehash}) and
 * records the outcome; the API only
 * reads the newest record. Reading and hashing a large tenant's lines takes seconds (13 s for 100,000 employees ×
 * 40 indicators on the bench), so it runs in the verification worker, never in a request. Insert-only.
 */
public final class IntegrityChecks {

    private final Connections connections;
    private final SnapshotStore store;
    /** The newest record stamp this instance gave, so that its stamps only grow (see {@link #nextCheckId}). */
    private final AtomicLong lastStamp = new AtomicLong();

    public IntegrityChecks(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.store = new SnapshotStore(connections);
    }

    /**
     * A check id that sorts in the order checks were recorded: the tie-break of {@link #latest} between checks of one
     * {@code checked_at} (a fixed clock, or two checks within a millisecond). {@code r-}, the record time in
     * nanoseconds since the epoch as 16 hex digits (the system clock, and at least the previous stamp + 1 of this
     * instance, so one process's checks are strictly ordered even within a clock tick), then 8 random hex digits (two
     * processes in one nanosecond still get distinct ids). Checks recorded before this rule have ids
     * {@code i-<random UUID>}: {@code r} sorts after {@code i}, so a new check outranks an old one of the same time.
     */
    String nextCheckId() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long stamp = lastStamp.accumulateAndGet(nanos, (last, n) -> Math.max(last + 1, n));
        return String.format("r-%016x-%08x", stamp, ThreadLocalRandom.current().nextInt());
    }

    /** Re-hashes {@code snapshot}'s stored lines and records the outcome as checked by {@code checker} at {@code at}. */
    public IntegrityCheck check(StoredSnapshot snapshot, String checker, Instant at) {
        SnapshotStore.Rehash rehash = store.rehash(snapshot);
        IntegrityCheck check = new IntegrityCheck(
                snapshot.tenantId(),
                snapshot.period().id(),
                snapshot.snapshotId(),
                snapshot.version(),
                nextCheckId(),
                at,
                checker,
                snapshot.contentHash(),
                rehash.hash(),
                rehash.lineCount());
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_integrity_checks (tenant_id, period,"
                        + " snapshot_id, version, check_id, checked_at, checked_by, stored_hash, rehashed_hash,"
                        + " line_count, intact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, check.tenantId());
            ps.setString(2, check.period());
            ps.setString(3, check.snapshotId());
            ps.setLong(4, check.version());
            ps.setString(5, check.checkId());
            ps.setObject(6, LocalDateTime.ofInstant(check.checkedAt(), ZoneOffset.UTC));
            ps.setString(7, check.checkedBy());
            ps.setString(8, check.storedHash());
            ps.setString(9, check.rehashedHash());
            ps.setLong(10, check.lineCount());
            ps.setLong(11, check.intact() ? 1 : 0);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("ClickHouse write failed", e);
        }
        return check;
    }

    /** The newest recorded check of a snapshot version, or empty when none was made yet. */
    public Optional<IntegrityCheck> latest(String tenantId, String period, String snapshotId) {
        return Sql.query(
                        connections,
                        "SELECT tenant_id, period, snapshot_id, version, check_id,"
                                + " toUnixTimestamp64Milli(checked_at) AS checked_ms, checked_by, stored_hash,"
                                + " rehashed_hash, line_count FROM snapshot_integrity_checks WHERE tenant_id = ?"
                                // Equal times: the check recorded last (ids sort in record order, see nextCheckId).
                                + " AND period = ? AND snapshot_id = ? ORDER BY checked_at DESC, check_id DESC LIMIT 1",
                        List.of(tenantId, period, snapshotId),
                        IntegrityChecks::row)
                .stream()
                .findFirst();
    }

    /** When each snapshot (by id, every tenant) was last checked: what the verification schedule decides on. */
    public Map<String, Instant> newestChecks() {
        Map<String, Instant> out = new HashMap<>();
        for (Map.Entry<String, Instant> e : Sql.query(
                connections,
                "SELECT snapshot_id, toUnixTimestamp64Milli(max(checked_at)) AS newest_ms"
                        + " FROM snapshot_integrity_checks GROUP BY snapshot_id",
                List.of(),
                rs -> Map.entry(rs.getString("snapshot_id"), Instant.ofEpochMilli(rs.getLong("newest_ms"))))) {
            out.put(e.getKey(), e.getValue());
        }
        return out;
    }

    private static IntegrityCheck row(ResultSet rs) throws SQLException {
        return new IntegrityCheck(
                rs.getString("tenant_id"),
                rs.getString("period"),
                rs.getString("snapshot_id"),
                (int) rs.getLong("version"),
                rs.getString("check_id"),
                Instant.ofEpochMilli(rs.getLong("checked_ms")),
                rs.getString("checked_by"),
                rs.getString("stored_hash"),
                rs.getString("rehashed_hash"),
                rs.getLong("line_count"));
    }
}
