package io.kpipulse.read.changes;

import java.sql.Connection;
import java.sql.SQLException;

/** Where the reader gets a JDBC connection to the tenant data's database; the reader closes it. */
@FunctionalInterface
public interface ConnectionSource {

    Connection open() throws SQLException;
}
