package io.kpipulse.sink;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The parameterised {@code INSERT INTO db.table (cols) VALUES (?, ...)} for a {@link TableWriter}. Names are
 * checked to be plain identifiers, so no text from outside ever reaches the SQL. The driver turns this
 * simple form into a RowBinary insert when {@code beta.row_binary_for_simple_insert} is on.
 */
final class InsertStatement {

    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,127}");

    private InsertStatement() {}

    static String sql(String database, String table, List<String> columns) {
        requireIdentifier("database", database);
        requireIdentifier("table", table);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("table " + table + ": no columns to insert");
        }
        columns.forEach(c -> requireIdentifier("column of " + table, c));
        return "INSERT INTO " + database + "." + table + " (" + String.join(", ", columns) + ") VALUES ("
                + columns.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
    }

    private static void requireIdentifier(String what, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be a plain identifier, got '" + name + "'");
        }
    }
}
