package io.kpipulse.clickhouse.local;

import java.util.Properties;

/**
 * The JDBC properties the official driver ({@code com.clickhouse:clickhouse-jdbc} 0.9.x) needs to talk to
 * {@link LocalClickHouseServer}. The product's configuration reuses these for its local profile.
 *
 * <ul>
 *   <li>{@code compress=false}: the driver asks for ClickHouse-native LZ4-compressed responses by default; the
 *       local server sends plain bodies (and refuses {@code compress=1} with a clear error).</li>
 *   <li>{@code decompress=false}: request bodies are sent uncompressed (the default; stated for clarity).</li>
 *   <li>{@code beta.row_binary_for_simple_insert=true}: batch inserts of a PreparedStatement go as RowBinary
 *       (≈ 80k rows/s here) instead of a long VALUES text.</li>
 * </ul>
 */
public final class LocalClickHouseProfile {
    public static final String USER = "default";
    public static final String PASSWORD = "";

    private LocalClickHouseProfile() {}

    /** {@code jdbc:clickhouse:http://127.0.0.1:<port>/<database>} */
    public static String jdbcUrl(int port, String database) {
        return "jdbc:clickhouse:http://127.0.0.1:" + port + "/" + database;
    }

    /** A fresh copy of the properties; callers may add their own. */
    public static Properties jdbcProperties() {
        Properties p = new Properties();
        p.setProperty("user", USER);
        p.setProperty("password", PASSWORD);
        p.setProperty("compress", "false");
        p.setProperty("decompress", "false");
        p.setProperty("beta.row_binary_for_simple_insert", "true");
        return p;
    }
}
