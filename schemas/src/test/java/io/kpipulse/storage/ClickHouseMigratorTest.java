package io.kpipulse.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ClickHouseMigratorTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static String newDatabaseName() {
        return "mig_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static ClickHouseConnector connector(String database) {
        return new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), database, "default", "", true);
    }

    @Test
    void createsEveryTableOnceAndRecordsTheVersions() throws SQLException {
        String db = newDatabaseName();
        ClickHouseMigrator migrator = connector(db).migrator();
        List<Integer> all =
                MigrationScripts.load().stream().map(Migration::version).toList();
        assertEquals(all, migrator.migrate());
        assertEquals(List.of(), migrator.migrate(), "a second run applies nothing");
        try (Connection c = connector(db).open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(
                        "SELECT name FROM system.tables WHERE database = currentDatabase() ORDER BY name")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            assertEquals(
                    List.of(
                            "alert_acknowledgements",
                            "alert_channels",
                            "alert_deliveries",
                            "alert_events",
                            "alert_rules",
                            "alert_silences",
                            "api_keys",
                            "audit_log",
                            "bonus_plans",
                            "calendar_versions",
                            "dead_letters",
                            "indicator_values",
                            "indicator_values_by_subject",
                            "indicator_values_by_subject_mv",
                            "late_events",
                            "manager_ratings",
                            "mbo_objectives",
                            "org_department_lines",
                            "org_employee_lines",
                            "org_employee_personal",
                            "org_support_links",
                            "raw_events",
                            "review_360_answers",
                            "schema_migrations",
                            "scorecard_assignments",
                            "scorecard_templates",
                            "snapshot_adjustments",
                            "snapshot_disputes",
                            "snapshot_freeze_progress",
                            "snapshot_integrity_checks",
                            "snapshot_lines",
                            "snapshot_transitions",
                            "snapshot_verification_differences",
                            "snapshot_verification_requests",
                            "snapshot_verifications",
                            "snapshots"),
                    tables);
        }
    }

    @Test
    void refusesToRunWhenAnAppliedScriptWasEdited() throws SQLException {
        String db = newDatabaseName();
        List<Migration> original = MigrationScripts.load();
        new ClickHouseMigrator(connector(db)::openWithoutDatabase, db, original).migrate();
        List<Migration> edited = new ArrayList<>(original);
        Migration first = original.get(0);
        edited.set(0, Migration.of(first.name(), first.sql() + "\n-- edited later\n"));
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new ClickHouseMigrator(connector(db)::openWithoutDatabase, db, edited).migrate());
        assertTrue(e.getMessage().contains("was changed after it was applied"), e.getMessage());
    }

    @Test
    void indicatorValuesKeepTheNewestVersionOfARow() throws SQLException {
        String db = newDatabaseName();
        connector(db).migrator().migrate();
        try (Connection c = connector(db).open();
                Statement s = c.createStatement()) {
            for (int version = 1; version <= 3; version++) {
                s.execute(
                        "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                                + " subject_type, subject_id, value, event_count, last_event_time, catalog_version, version, updated_at)"
                                + " VALUES ('t1', 'new_policy_premium', 'MONTH_TO_DATE', '2026-03-01', '2026-03-31', 'EMPLOYEE', 'e-1', "
                                + (version * 100) + ", " + version + ", now64(3), 1, " + version + ", now64(3))");
            }
            try (ResultSet rs = s.executeQuery("SELECT count(), any(value) FROM indicator_values FINAL")) {
                rs.next();
                assertEquals(1, rs.getLong(1));
                assertEquals(0, new java.math.BigDecimal("300").compareTo(rs.getBigDecimal(2)));
            }
        }
    }

    @Test
    void theSubjectFirstCopyHoldsTheRowsWrittenBeforeItAndEveryVersionWrittenAfter() throws SQLException {
        String db = newDatabaseName();
        List<Migration> all = MigrationScripts.load();
        int copy = all.stream().map(Migration::version).toList().indexOf(19);
        ClickHouseConnector connector = connector(db);
        new ClickHouseMigrator(connector::openWithoutDatabase, db, all.subList(0, copy)).migrate();
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute(valueRow("e-1", 100, 1)); // before V019: copied by the migration
            new ClickHouseMigrator(connector::openWithoutDatabase, db, all).migrate();
            s.execute(valueRow("e-1", 300, 3)); // after: through the view, in the same INSERT
            s.execute(valueRow("e-1", 200, 2)); // a stale version arriving late
            s.execute(valueRow("e-2", 50, 1));
            try (ResultSet rs = s.executeQuery("SELECT subject_id, groupArray(version) FROM (SELECT subject_id, version"
                    + " FROM indicator_values_by_subject ORDER BY subject_id, version) GROUP BY subject_id"
                    + " ORDER BY subject_id")) {
                List<String> versions = new ArrayList<>();
                while (rs.next()) {
                    versions.add(rs.getString(1) + "=" + rs.getString(2));
                }
                assertEquals(List.of("e-1=[1, 2, 3]", "e-2=[1]"), versions);
            }
        }
    }

    private static String valueRow(String subject, int value, int version) {
        return "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                + " subject_type, subject_id, value, event_count, last_event_time, catalog_version, version, updated_at)"
                + " VALUES ('t1', 'new_policy_premium', 'MONTH_TO_DATE', '2026-03-01', '2026-03-31', 'EMPLOYEE', '"
                + subject + "', " + value + ", 1, now64(3), 1, " + version + ", now64(3))";
    }

    @Test
    void rejectsDatabaseNamesThatCouldInjectSql() {
        assertThrows(
                IllegalArgumentException.class,
                () -> new ClickHouseMigrator(() -> null, "kpi; DROP TABLE x", List.of()));
    }
}
