package io.kpipulse.read.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where readers get a JDBC connection from; the caller closes it. An interface so the source (one per
 * request today, a pool when the dashboard benchmark asks for it) changes in one place.
 */
@FunctionalInterface
public interface Connections {

    Connection open() throws SQLException;
}
