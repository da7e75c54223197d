package io.kpipulse.read.org;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the reader gets a JDBC connection to the engine's database; the reader closes it. */
@FunctionalInterface
public interface ConnectionSource {

    Connection open() throws SQLException;
}
