package io.kpipulse.sink;

import io.kpipulse.storage.ClickHouseConnector;
import java.io.Serializable;
import java.sql.Connection;
import java.sql.SQLException;

/** Opens a JDBC connection to ClickHouse; serializable so the sink can carry it to task managers. */
@FunctionalInterface
public interface ConnectionFactory extends Serializable {

    Connection open() throws SQLException;

    static ConnectionFactory of(ClickHouseConnector connector) {
        return connector::open;
    }
}
