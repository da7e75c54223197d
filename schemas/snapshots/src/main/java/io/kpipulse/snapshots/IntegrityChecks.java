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
import java.util.UUID;

/**
 * Integrity re-hashes of stored snapshot lines (V022 {@code snapshot_integrity_checks}): {@link #check} reads a
 * version's lines back, hashes them with its header exactly as a freeze did and records the outcome; the API only
 * reads the newest record. Reading and hashing a large tenant's lines takes seconds (13 s for 100,000 employees ×
 * 40 indicators on the bench), so it runs in the verification worker, never in a request. Insert-only.
 */
public final class IntegrityChecks {

    private final Connections connections;
    private final SnapshotStore store;

    public IntegrityChecks(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.store = new SnapshotStore(connections);
    }

    /** Re-hashes {@code snapshot}'s stored lines and records the outcome as checked by {@code checker} at {@code at}. */
    public IntegrityCheck check(StoredSnapshot snapshot, String checker, Instant at) {
        List<SnapshotLine> lines = store.lines(snapshot);
        IntegrityCheck check = new IntegrityCheck(
                snapshot.tenantId(),
                snapshot.period().id(),
                snapshot.snapshotId(),
                snapshot.version(),
                "i-" + UUID.randomUUID(),
                at,
                checker,
                snapshot.contentHash(),
                snapshot.content(lines).hash(),
                lines.size());
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
                                + " AND period = ? AND snapshot_id = ? ORDER BY checked_at DESC, check_id LIMIT 1",
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
