package io.kpipulse.read.sql;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Small JDBC helpers shared by the readers. Every value from a request is bound with {@link #bind};
 * SQL text is only ever assembled from constants and from placeholder counts.
 */
public final class Sql {

    private Sql() {}

    /** Maps one result row; may throw {@link SQLException}. */
    @FunctionalInterface
    public interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** {@code ?, ?, ?} for an IN list of {@code n} bound values. */
    public static String placeholders(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("an IN list needs at least one value");
        }
        return String.join(", ", Collections.nCopies(n, "?"));
    }

    /** Runs {@code sql} with {@code params} bound in order and maps every row. */
    public static <T> List<T> query(Connections connections, String sql, List<?> params, RowMapper<T> mapper) {
        List<T> rows = new ArrayList<>();
        forEach(connections, sql, params, mapper, rows::add);
        return rows;
    }

    /**
     * Runs {@code sql} and hands each mapped row to {@code each} as it is read from the response, keeping none:
     * for results too large to hold twice.
     */
    public static <T> void forEach(
            Connections connections, String sql, List<?> params, RowMapper<T> mapper, Consumer<? super T> each) {
        try (var connection = connections.open();
                PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    each.accept(mapper.map(rs));
                }
            }
        } catch (SQLException e) {
            throw new StorageException("ClickHouse query failed", e);
        }
    }

    /** Runs one write (an INSERT) with {@code params} bound in order. */
    public static void execute(Connections connections, String sql, List<?> params) {
        try (var connection = connections.open();
                PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, params);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new StorageException("ClickHouse write failed", e);
        }
    }

    static void bind(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            int index = i + 1;
            if (p instanceof String s) {
                ps.setString(index, s);
            } else if (p instanceof Integer n) {
                ps.setInt(index, n);
            } else if (p instanceof Long n) {
                ps.setLong(index, n);
            } else if (p instanceof LocalDate d) {
                // Dates travel as ISO text and are converted by toDate(?) in the SQL: no driver time-zone shifts.
                ps.setString(index, d.toString());
            } else {
                throw new IllegalArgumentException("unsupported parameter type " + (p == null ? "null" : p.getClass()));
            }
        }
    }

    public static BigDecimal decimal(ResultSet rs, String column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return rs.wasNull() ? null : value;
    }

    public static LocalDate date(ResultSet rs, String column) throws SQLException {
        return LocalDate.parse(rs.getString(column));
    }

    /** DateTime64 columns are selected as {@code toUnixTimestamp64Milli(...)} so no driver zone logic applies. */
    public static Instant epochMillis(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }
}
