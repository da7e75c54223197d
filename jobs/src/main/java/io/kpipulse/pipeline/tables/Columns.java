package io.kpipulse.pipeline.tables;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Binding helpers shared by the table writers: UTC timestamps, nullable decimals, optional text. */
final class Columns {

    private Columns() {}

    /**
     * DateTime64(3, 'UTC') columns take the UTC wall-clock time; the driver must not apply the JVM's zone.
     * {@code ofEpochSecond}, not {@code ofInstant}: the latter asks the offset for its rules, and Java 17 builds
     * a new rules object (with a map) each time, for every timestamp of every row.
     */
    static void utc(PreparedStatement ps, int index, long epochMillis) throws SQLException {
        ps.setObject(
                index,
                LocalDateTime.ofEpochSecond(
                        Math.floorDiv(epochMillis, 1000L),
                        (int) Math.floorMod(epochMillis, 1000L) * 1_000_000,
                        ZoneOffset.UTC));
    }

    /**
     * Original record bytes are stored as base64 text: the driver's row-binary path writes String
     * columns from Java strings only, and a charset round trip would corrupt arbitrary bytes.
     * {@code base64Decode(column)} in SQL gives the bytes back.
     */
    static void bytes(PreparedStatement ps, int index, byte[] value) throws SQLException {
        ps.setString(index, java.util.Base64.getEncoder().encodeToString(value == null ? new byte[0] : value));
    }

    /** Optional text in a non-nullable String column: absent is the empty string. */
    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    static void decimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.DECIMAL);
        } else {
            ps.setBigDecimal(index, value);
        }
    }
}
