package io.kpipulse.storage;

import io.kpipulse.config.Settings;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.ServiceLoader;

/**
 * Opens JDBC connections to ClickHouse through the official driver, configured from
 * {@link ClickHouseOptions}. Serializable so Flink sinks can carry it to task managers.
 */
public final class ClickHouseConnector implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String url;
    private final String database;
    private final String user;
    private final String password;
    private final boolean localProfile;
    private final String sslRootCert;
    private final String cluster;

    public ClickHouseConnector(String url, String database, String user, String password, boolean localProfile) {
        this(url, database, user, password, localProfile, "", "");
    }

    /**
     * @param sslRootCert CA certificate (PEM file) of a TLS server, or empty
     * @param cluster cluster the migrations create their tables on, or empty for one server
     */
    public ClickHouseConnector(
            String url,
            String database,
            String user,
            String password,
            boolean localProfile,
            String sslRootCert,
            String cluster) {
        this.url = url;
        this.database = database;
        this.user = user;
        this.password = password;
        this.localProfile = localProfile;
        this.sslRootCert = sslRootCert == null ? "" : sslRootCert.strip();
        this.cluster = cluster == null ? "" : cluster.strip();
        ClusterDdl.of(this.cluster); // refuses a name that is no identifier at start, not at the first migration
    }

    public static ClickHouseConnector from(Settings settings) {
        return new ClickHouseConnector(
                settings.get(ClickHouseOptions.URL),
                settings.get(ClickHouseOptions.DATABASE),
                settings.get(ClickHouseOptions.USER),
                settings.get(ClickHouseOptions.PASSWORD),
                settings.get(ClickHouseOptions.LOCAL_PROFILE),
                settings.get(ClickHouseOptions.SSL_ROOT_CERT),
                settings.get(ClickHouseOptions.CLUSTER));
    }

    /** The same server, another database: tests give each test class its own. */
    public ClickHouseConnector withDatabase(String otherDatabase) {
        return new ClickHouseConnector(url, otherDatabase, user, password, localProfile, sslRootCert, cluster);
    }

    public String database() {
        return database;
    }

    public String url() {
        return url;
    }

    /**
     * A connection whose default database is {@link #database()}; the database must exist. The database
     * goes into the URL: the driver's batch-insert path ignores a database set later with setSchema.
     */
    public Connection open() throws SQLException {
        return connect(urlWithDatabase(url, database));
    }

    /** {@code jdbc:clickhouse://host:port[/db][?params]} with the database path replaced. */
    static String urlWithDatabase(String url, String database) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        String params = query < 0 ? "" : url.substring(query);
        int hostStart = base.indexOf("//");
        int pathStart = hostStart < 0 ? -1 : base.indexOf('/', hostStart + 2);
        String hostPart = pathStart < 0 ? base : base.substring(0, pathStart);
        return hostPart + "/" + database + params;
    }

    /** A connection to the server's default database, for creating {@link #database()} itself. */
    public Connection openWithoutDatabase() throws SQLException {
        return connect(url);
    }

    /**
     * Through the first driver on this class's own class loader that accepts the URL, not DriverManager:
     * DriverManager looks drivers up once per JVM, with the class loader of whoever asked first, and hands a
     * caller only drivers its loader can see. On a Flink session cluster every job has its own class loader, so
     * the second job submitted to a JobManager (or a task restarted in a new loader) would find "no suitable
     * driver" while its own jar carries one.
     */
    private Connection connect(String jdbcUrl) throws SQLException {
        for (Driver driver : ServiceLoader.load(Driver.class, ClickHouseConnector.class.getClassLoader())) {
            if (driver.acceptsURL(jdbcUrl)) {
                return driver.connect(jdbcUrl, driverProperties());
            }
        }
        throw new SQLException("no JDBC driver on the class path accepts " + jdbcUrl);
    }

    public ClickHouseMigrator migrator() {
        return ClickHouseMigrator.withBundledScripts(this::openWithoutDatabase, database, cluster);
    }

    /** The JDBC URL of {@link #database()}, for a connection pool that opens connections itself. */
    public String databaseUrl() {
        return urlWithDatabase(url, database);
    }

    /** The driver properties {@link #open()} uses (credentials included: never log them). */
    public Properties driverProperties() {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        if (!sslRootCert.isEmpty()) {
            props.setProperty("sslrootcert", sslRootCert); // client-v2's CA certificate property
        }
        // Row-binary simple inserts are about twice as fast as the VALUES text path for batch sinks.
        props.setProperty("beta.row_binary_for_simple_insert", "true");
        if (localProfile) {
            // The local server serves chDB over HTTP and does not produce ClickHouse's native
            // compressed blocks; a real server keeps the driver's default (compressed) responses.
            props.setProperty("compress", "false");
        }
        return props;
    }

    @Override
    public String toString() {
        return url + "/" + database + " as " + user;
    }
}
