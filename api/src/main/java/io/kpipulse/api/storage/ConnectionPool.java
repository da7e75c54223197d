package io.kpipulse.api.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

/**
 * Pooled JDBC connections to ClickHouse for the API's readers. A driver connection is a whole HTTP client;
 * opening one per request cost more than many dashboard queries. The pool starts even when ClickHouse is
 * down (reads answer 503 and /health says so until it is back), and a request waits at most
 * {@code acquireTimeout} for a connection. Close it with the app.
 */
public final class ConnectionPool implements Connections, AutoCloseable {

    private final HikariDataSource pool;

    public ConnectionPool(ClickHouseConnector connector, int maxConnections, Duration acquireTimeout) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("kpi-api-clickhouse");
        config.setJdbcUrl(connector.databaseUrl());
        config.setDataSourceProperties(connector.driverProperties());
        config.setMaximumPoolSize(maxConnections);
        config.setMinimumIdle(Math.min(2, maxConnections));
        config.setConnectionTimeout(acquireTimeout.toMillis());
        config.setInitializationFailTimeout(-1); // start without ClickHouse; connect when it is there
        this.pool = new HikariDataSource(config);
    }

    @Override
    public Connection open() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public void close() {
        pool.close();
    }
}
