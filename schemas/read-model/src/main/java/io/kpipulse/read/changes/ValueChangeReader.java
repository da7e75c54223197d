package io.kpipulse.read.changes;

import io.kpipulse.read.sql.Connections;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the value rows of one tenant in the order they became visible, every stored version (no FINAL: a
 * poller wants each new version, not only the newest row of a key).
 *
 * <p>The cursor is a block number. A non-replicated MergeTree gives an insert's part the table's next block
 * number in the same lock that makes the part visible, and keeps it per row through merges (V021), so the rows
 * after a cursor are exactly those that became visible after the rows up to it — however old their
 * {@code updated_at}: a row a sink retried for a minute is still news when it appears.
 *
 * <p>A read first takes the table's parts from {@code system.parts} and then reads only what can hold newer
 * blocks, not the tenant's whole history. The two are separate snapshots, and a merge may replace a listed part
 * in between, so the read names what to skip, never what to read: the partitions with newer blocks (merges stay
 * within a partition) minus their parts that hold none (a part's content never changes); and it reads blocks
 * only up to the newest the listing saw, all of which were visible by then. So no row is lost to a merge or to a
 * part committed between the two. Filters are bound parameters; callers poll once per tenant, not per client.
 */
public final class ValueChangeReader {

    /** Per partition with blocks after the cursor: its newest block and its parts that hold none. */
    private static final String PARTS = "SELECT partition_id, max(max_block_number) AS newest,"
            + " groupArrayIf(name, max_block_number <= ?) AS older"
            + " FROM system.parts WHERE database = currentDatabase() AND table = 'indicator_values' AND active"
            + " GROUP BY partition_id HAVING newest > ?";

    // Dates as ISO text and instants as epoch milliseconds, both ways: no driver time-zone logic applies.
    // Aliases never reuse a column name (an alias would shadow the column in WHERE). Whole blocks only
    // (WITH TIES), so a page never ends inside one insert and the next page starts after its last block.
    private static final String AFTER = "SELECT indicator_id, window_type, toString(window_start) AS start_day,"
            + " toString(window_end) AS end_day, subject_type, subject_id, value, numerator, denominator, target,"
            + " attainment, event_count, catalog_version, version, toUnixTimestamp64Milli(updated_at) AS updated_ms,"
            + " toUnixTimestamp64Milli(last_event_time) AS last_event_ms, _block_number AS block"
            + " FROM indicator_values"
            + " WHERE tenant_id = ? AND has(?, _partition_id) AND NOT has(?, _part)"
            + " AND _block_number > ? AND _block_number <= ?"
            + " ORDER BY _block_number LIMIT ? WITH TIES";

    private static final String NEWEST_BLOCK = "SELECT max(max_block_number) FROM system.parts"
            + " WHERE database = currentDatabase() AND table = 'indicator_values' AND active";

    private final Connections connections;

    public ValueChangeReader(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /**
     * The versions that became visible after block {@code after}, in that order, at least {@code limit} of
     * them when there are (a page ends at the end of an insert, so it may hold more).
     */
    public ChangePage after(String tenantId, long after, int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        try (Connection c = connections.open()) {
            List<String> partitions = new ArrayList<>();
            List<String> older = new ArrayList<>();
            long listed = after;
            try (PreparedStatement ps = c.prepareStatement(PARTS)) {
                ps.setLong(1, after);
                ps.setLong(2, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        partitions.add(rs.getString(1));
                        listed = Math.max(listed, rs.getLong(2));
                        older.addAll(List.of((String[]) rs.getArray(3).getArray()));
                    }
                }
            }
            if (partitions.isEmpty()) {
                return new ChangePage(List.of(), after);
            }
            try (PreparedStatement ps = c.prepareStatement(AFTER)) {
                ps.setString(1, tenantId);
                ps.setArray(2, c.createArrayOf("String", partitions.toArray()));
                ps.setArray(3, c.createArrayOf("String", older.toArray()));
                ps.setLong(4, after);
                ps.setLong(5, listed);
                ps.setInt(6, limit);
                List<ValueChange> changes = new ArrayList<>();
                long newest = after;
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        changes.add(row(tenantId, rs));
                        newest = Math.max(newest, rs.getLong(17));
                    }
                }
                // A short page read everything up to the listing's newest block, this tenant's or not.
                return new ChangePage(changes, changes.size() < limit ? listed : newest);
            }
        }
    }

    /**
     * The newest block number of the value table (any tenant's), 0 when it is empty: every row visible now is
     * at or before it, every row that becomes visible later is after it. Where a poller starts. Metadata only.
     */
    public long newestBlock() throws SQLException {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(NEWEST_BLOCK);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static ValueChange row(String tenantId, ResultSet rs) throws SQLException {
        return new ValueChange(
                tenantId,
                rs.getString(1),
                rs.getString(2),
                LocalDate.parse(rs.getString(3)),
                LocalDate.parse(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                decimal(rs, 7),
                decimal(rs, 8),
                decimal(rs, 9),
                decimal(rs, 10),
                decimal(rs, 11),
                rs.getLong(12),
                Instant.ofEpochMilli(rs.getLong(16)),
                rs.getLong(13),
                rs.getLong(14),
                Instant.ofEpochMilli(rs.getLong(15)));
    }

    private static BigDecimal decimal(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return rs.wasNull() ? null : value;
    }
}
