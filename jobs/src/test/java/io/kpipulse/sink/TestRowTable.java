package io.kpipulse.sink;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;

/**
 * A {@link TableWriter} for {@link TestRow}s, with a toggle: rows whose id is in {@code unbindableIds}
 * make the binder throw, as a binder would for a value it cannot convert.
 */
final class TestRowTable implements TableWriter<TestRow> {

    static final String TABLE = "test_rows";

    private final String table;
    private final Set<Long> unbindableIds;

    TestRowTable() {
        this(TABLE, Set.of());
    }

    private TestRowTable(String table, Set<Long> unbindableIds) {
        this.table = table;
        this.unbindableIds = unbindableIds;
    }

    TestRowTable withTable(String otherTable) {
        return new TestRowTable(otherTable, unbindableIds);
    }

    TestRowTable failingToBind(Set<Long> ids) {
        return new TestRowTable(table, Set.copyOf(ids));
    }

    /** ReplacingMergeTree keyed by id, versioned by version; the CHECK lets tests send rows the server rejects. */
    static void create(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE " + TABLE + " (id UInt64, name String, amount Int32, version UInt64,"
                + " CONSTRAINT amount_not_negative CHECK amount >= 0)"
                + " ENGINE = ReplacingMergeTree(version) ORDER BY id");
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public List<String> columns() {
        return List.of("id", "name", "amount", "version");
    }

    @Override
    public void bind(PreparedStatement statement, TestRow row) throws SQLException {
        if (unbindableIds.contains(row.id())) {
            throw new IllegalArgumentException("cannot bind row " + row.id());
        }
        statement.setLong(1, row.id());
        statement.setString(2, row.name());
        statement.setInt(3, row.amount());
        statement.setLong(4, row.version());
    }
}
