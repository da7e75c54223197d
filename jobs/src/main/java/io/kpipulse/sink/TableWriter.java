package io.kpipulse.sink;

import java.io.Serializable;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * How one row type lands in one ClickHouse table: the table, its columns in parameter order, and a
 * binder that sets parameter {@code i + 1} from column {@code i}. Each row type (indicator values, raw
 * events, dead letters, late events) gets its own tiny implementation.
 *
 * <p>The binder must be a pure function of the row: the sink rebinds a row when it retries or bisects a
 * batch, and an exception thrown by {@link #bind} marks that single row as bad data.
 */
public interface TableWriter<T> extends Serializable {

    /** A plain table name in the connector's database, e.g. {@code indicator_values}. */
    String table();

    /** Column names, in the order {@link #bind} sets parameters 1..n. */
    List<String> columns();

    /** Sets every parameter of {@code statement} from {@code row}. */
    void bind(PreparedStatement statement, T row) throws SQLException;
}
