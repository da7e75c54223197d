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
import java.util.Optional;

/**
 * Reads the value rows of one tenant written at or after an instant, oldest first, every stored version
 * (no FINAL: a poller wants each new version, not only the newest row of a key).
 *
 * <p>The instant is the row's {@code updated_at}, when the engine computed it. A row becomes visible some
 * time after that (the engine's flush and the insert), so callers re-read an overlap behind their cursor and
 * drop what they already saw; rows of one millisecond are never split, because the bound is inclusive.
 * Filters are bound parameters. The table is not sorted by {@code updated_at}, so a read filters the
 * tenant's {@code updated_at} column; callers poll once per tenant, not per client.
 */
public final class ValueChangeReader {

    // Dates as ISO text and instants as epoch milliseconds, both ways: no driver time-zone logic applies.
    // Aliases never reuse a column name (an alias would shadow the column in WHERE).
    private static final String SINCE = "SELECT indicator_id, window_type, toString(window_start) AS start_day,"
            + " toString(window_end) AS end_day, subject_type, subject_id, value, numerator, denominator, target,"
            + " attainment, event_count, catalog_version, version, toUnixTimestamp64Milli(updated_at) AS updated_ms,"
            + " toUnixTimestamp64Milli(last_event_time) AS last_event_ms"
            + " FROM indicator_values"
            + " WHERE tenant_id = ? AND updated_at >= fromUnixTimestamp64Milli(toInt64(?), 'UTC')"
            + " ORDER BY updated_at, version LIMIT ?";

    private static final String NEWEST = "SELECT toUnixTimestamp64Milli(max(updated_at)) AS newest_ms, count() AS n"
            + " FROM indicator_values WHERE tenant_id = ?";

    /*
     * Each partition's newest block number over the table's active parts, hashed (read as a signed long: the driver
     * refuses a UInt64 above Long.MAX_VALUE as a long): an INSERT always adds a part
     * with a higher block number in its partition (plain and replicated MergeTree alike), a merge keeps the
     * partition's highest. So the mark changes with every insert and stays put while nothing is written.
     */
    private static final String MARK = "SELECT reinterpretAsInt64(cityHash64(arraySort(groupArray((partition_id,"
            + " newest_block))))) AS mark,"
            + " count() AS partitions FROM (SELECT partition_id, max(max_block_number) AS newest_block"
            + " FROM system.parts WHERE database = currentDatabase() AND table = 'indicator_values' AND active"
            + " GROUP BY partition_id)";

    private final Connections connections;

    public ValueChangeReader(Connections connections) {
        this.connections = Objects.requireNonNull(connections, "connections");
    }

    /** Versions written at or after {@code since}, oldest first, at most {@code limit}. */
    public List<ValueChange> since(String tenantId, Instant since, int limit) throws SQLException {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, got " + limit);
        }
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(SINCE)) {
            ps.setString(1, tenantId);
            ps.setLong(2, since.toEpochMilli());
            ps.setInt(3, limit);
            List<ValueChange> changes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(row(tenantId, rs));
                }
            }
            return changes;
        }
    }

    /**
     * A number that changes whenever rows are inserted into the value table (any tenant's) and stays the same
     * while nothing is: a poller that reads it before each poll skips the poll while it is unchanged, instead of
     * re-reading the granule that holds the newest rows (8,192 rows a poll on a quiet table). Read from
     * {@code system.parts}, metadata only.
     */
    public long insertMark() throws SQLException {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(MARK);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** When the tenant's newest row was written; empty when it has none. Where a poller starts. */
    public Optional<Instant> newest(String tenantId) throws SQLException {
        try (Connection c = connections.open();
                PreparedStatement ps = c.prepareStatement(NEWEST)) {
            ps.setString(1, tenantId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                // max() of no rows is the type's zero (1970), not NULL: the count tells them apart.
                return rs.getLong(2) == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(1)));
            }
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
