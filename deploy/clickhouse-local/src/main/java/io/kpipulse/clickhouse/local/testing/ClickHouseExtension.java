package io.kpipulse.clickhouse.local.testing;

import io.kpipulse.clickhouse.local.LocalClickHouseProfile;
import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives tests a real ClickHouse: one {@link LocalClickHouseServer} per test JVM, started on first use on an
 * ephemeral port with a temporary data directory, and closed (directory deleted) when the whole run ends.
 *
 * <pre>{@code
 * @RegisterExtension static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();
 *
 * @Test void something() throws Exception {
 *     String db = CLICKHOUSE.freshDatabase("alerts");
 *     try (Connection c = CLICKHOUSE.newConnection(db)) { ... }
 * }
 * }</pre>
 *
 * Why one server per JVM: the engine is process-wide (one data directory per process) and takes ~0.5 s and
 * ~0.6 GB to start; tests stay independent through {@link #freshDatabase(String)} instead.
 */
public final class ClickHouseExtension implements BeforeAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(ClickHouseExtension.class);
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,40}");

    private volatile LocalClickHouseServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = context.getRoot()
                .getStore(NAMESPACE)
                .getOrComputeIfAbsent(RunningServer.class, k -> RunningServer.start(), RunningServer.class)
                .server;
    }

    /** The running server (started by {@link #beforeAll}). */
    public LocalClickHouseServer server() {
        LocalClickHouseServer s = server;
        if (s == null) {
            throw new IllegalStateException(
                    "ClickHouseExtension not started: register it with @RegisterExtension on a static field");
        }
        return s;
    }

    public String jdbcUrl() {
        return server().jdbcUrl();
    }

    /** A JDBC connection to {@code default} with {@link LocalClickHouseProfile#jdbcProperties()}. */
    public Connection newConnection() throws SQLException {
        return newConnection("default");
    }

    /** A JDBC connection whose default database is {@code database}. */
    public Connection newConnection(String database) throws SQLException {
        return DriverManager.getConnection(
                LocalClickHouseProfile.jdbcUrl(server().port(), database), LocalClickHouseProfile.jdbcProperties());
    }

    /** Creates a database named {@code <prefix>_<random>} so tests never see each other's tables; returns its name. */
    public String freshDatabase(String prefix) throws SQLException {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("database prefix must be a plain identifier: " + prefix);
        }
        String name =
                prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = newConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return name;
    }

    /** The server and its temporary directory, closed by JUnit when the root context closes (end of run). */
    @SuppressWarnings("deprecation") // CloseableResource: the form every JUnit 5 version closes
    private static final class RunningServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        final LocalClickHouseServer server;
        final Path dataDir;
        private boolean closed;

        private RunningServer(LocalClickHouseServer server, Path dataDir) {
            this.server = server;
            this.dataDir = dataDir;
        }

        static RunningServer start() {
            try {
                Path dir = Files.createTempDirectory("kpi-clickhouse-test-");
                return new RunningServer(
                        LocalClickHouseServer.builder().port(0).dataDir(dir).start(), dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public synchronized void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            server.close();
            try (var paths = Files.walk(dataDir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }
}
