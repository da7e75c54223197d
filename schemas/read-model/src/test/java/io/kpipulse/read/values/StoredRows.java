package io.kpipulse.read.values;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A fresh database with the real migrations, and value rows written the way the engine writes them: each
 * {@link #insert} is its own insert (its own part until a merge), so several versions of one key coexist
 * and a stale version can arrive after the newest. Test data only: the SQL is built from constants.
 */
final class StoredRows {

    private final ClickHouseConnector connector;

    private StoredRows(ClickHouseConnector connector) {
        this.connector = connector;
    }

    static StoredRows create(ClickHouseExtension clickhouse, String prefix) throws SQLException {
        String db = clickhouse.freshDatabase(prefix);
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        return new StoredRows(connector);
    }

    Connections connections() {
        return connector::open;
    }

    IndicatorValueReader reader(ValueReadStrategy strategy) {
        return new IndicatorValueReader(connections(), strategy, CatalogYaml::templateLibrary);
    }

    /** One stored row; {@code null} decimals are SQL NULL. Build with {@link #row} and the setters. */
    static final class Row {
        private final List<String> key;
        private String value;
        private String numerator;
        private String denominator;
        private String target;
        private String attainment;
        private long version = 1;
        private long eventCount = 1;
        private List<String> path = List.of();

        private Row(List<String> key, String value) {
            this.key = key;
            this.value = value;
            this.numerator = value;
        }

        Row target(String target, String attainment) {
            this.target = target;
            this.attainment = attainment;
            return this;
        }

        Row parts(String numerator, String denominator) {
            this.numerator = numerator;
            this.denominator = denominator;
            return this;
        }

        /** The subject's department path, nearest first (the engine writes it with every row). */
        Row path(String... departments) {
            this.path = List.of(departments);
            return this;
        }

        Row version(long version) {
            this.version = version;
            this.eventCount = version;
            return this;
        }

        private String sql() {
            return "('" + String.join("','", key) + "'," + dec(value) + "," + dec(numerator) + "," + dec(denominator)
                    + "," + dec(target) + "," + dec(attainment) + "," + eventCount
                    + ",'2026-03-14 02:00:00.000',2," + version + ",now64(3),"
                    + (path.isEmpty() ? "[]" : "['" + String.join("','", path) + "']") + ")";
        }

        private static String dec(String d) {
            return d == null ? "NULL" : d;
        }
    }

    /** Tenant, indicator, window type, first and last day, subject type and id, value. */
    static Row row(
            String tenant,
            String indicator,
            String windowType,
            String start,
            String end,
            String subjectType,
            String subjectId,
            String value) {
        return new Row(List.of(tenant, indicator, windowType, start, end, subjectType, subjectId), value);
    }

    void insert(Row... rows) throws SQLException {
        List<String> tuples = new ArrayList<>();
        for (Row r : rows) {
            tuples.add(r.sql());
        }
        execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                + " last_event_time, catalog_version, version, updated_at, subject_path) VALUES "
                + String.join(",", tuples));
    }

    void execute(String sql) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    long count() throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count() FROM indicator_values")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
