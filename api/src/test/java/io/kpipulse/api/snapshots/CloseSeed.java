package io.kpipulse.api.snapshots;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh database for the period-close tests: tenant t-acme (Asia/Shanghai) in March 2026, an org of d-root ─
 * d-sales (head h-1, members e-1, e-2), d-claims (head c-1), CEO e-0, and month-to-date values as the engine
 * writes them; e-9 left before the end of March but earned figures in it. The newest archived event is dated
 * 2026-04-01 04:00 in Shanghai: past the end of March + the default 2 h grace, not past the end of April.
 * Times in the SQL are UTC.
 */
final class CloseSeed {

    static final String TENANT = "t-acme";
    private static final String START = "'2026-02-28 16:00:00.000'";

    private final ClickHouseConnector connector;

    private CloseSeed(ClickHouseConnector connector) {
        this.connector = connector;
    }

    static CloseSeed create(ClickHouseExtension clickhouse, String prefix) throws SQLException {
        String db = clickhouse.freshDatabase(prefix);
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        CloseSeed seed = new CloseSeed(connector);
        seed.execute(
                "INSERT INTO org_department_lines VALUES"
                        + "('t-acme','d-root'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                        + "('t-acme','d-sales'," + START
                        + ",'CREATED','寿险销售一部','d-root','FRONT_LINE','LIFE_SALES','ev-d2',2),"
                        + "('t-acme','d-claims'," + START
                        + ",'CREATED','理赔部','d-root','FRONT_LINE','CLAIMS','ev-d3',3)",
                "INSERT INTO org_employee_lines VALUES"
                        + "('t-acme','e-0'," + START + ",'HIRED','d-root','CEO','','2015-01-05','ev-h0',10),"
                        + "('t-acme','h-1'," + START
                        + ",'HIRED','d-sales','Head of Sales','e-0','2018-03-01','ev-h1',11),"
                        + "('t-acme','e-1'," + START + ",'HIRED','d-sales','Agent','h-1','2020-06-01','ev-h2',12),"
                        + "('t-acme','e-2'," + START + ",'HIRED','d-sales','Agent','h-1','2021-06-01','ev-h3',13),"
                        + "('t-acme','c-1'," + START
                        + ",'HIRED','d-claims','Head of Claims','e-0','2019-01-01','ev-h4',14),"
                        + "('t-acme','e-9'," + START + ",'HIRED','d-sales','Agent','h-1','2025-01-01','ev-h5',15),"
                        + "('t-acme','e-9','2026-03-20 02:00:00.000','LEFT','d-sales','','','2026-03-20','ev-l1',16)",
                "INSERT INTO org_employee_personal VALUES"
                        + "('t-acme','e-0'," + START + ",'王伟',60000.00,'2015-01-05','ev-h0',10),"
                        + "('t-acme','h-1'," + START + ",'李娜',35000.00,'2018-03-01','ev-h1',11),"
                        + "('t-acme','e-1'," + START + ",'张敏',8000.50,'2020-06-01','ev-h2',12),"
                        + "('t-acme','e-2'," + START + ",'=SUM(A1)',9000.00,'2021-06-01','ev-h3',13),"
                        + "('t-acme','c-1'," + START + ",'赵磊',17000.00,'2019-01-01','ev-h4',14),"
                        + "('t-acme','e-9'," + START + ",'陈静',6200.00,'2025-01-01','ev-h5',15)",
                IV
                        + row(
                                "new_policy_premium",
                                "EMPLOYEE",
                                "e-1",
                                "12345.67",
                                "12345.67",
                                "NULL",
                                "60000",
                                "0.205761",
                                3,
                                30)
                        + ","
                        + row(
                                "new_policy_premium",
                                "EMPLOYEE",
                                "e-2",
                                "50000.10",
                                "50000.10",
                                "NULL",
                                "60000",
                                "0.833335",
                                5,
                                50)
                        + ","
                        + row(
                                "new_policy_premium",
                                "EMPLOYEE",
                                "e-9",
                                "700.00",
                                "700.00",
                                "NULL",
                                "60000",
                                "0.011667",
                                1,
                                10)
                        + ","
                        + row(
                                "new_policy_premium",
                                "DEPARTMENT",
                                "d-sales",
                                "63045.77",
                                "63045.77",
                                "NULL",
                                "NULL",
                                "NULL",
                                9,
                                90)
                        + "," + row("policies_issued", "EMPLOYEE", "e-1", "3", "3", "NULL", "12", "0.25", 3, 30)
                        + "," + row("policies_issued", "EMPLOYEE", "e-2", "5", "5", "NULL", "12", "0.416667", 5, 50)
                        + "," + row("claim_cycle_time_avg", "EMPLOYEE", "c-1", "2.5", "5", "2", "NULL", "NULL", 2, 20)
                        // A rate whose value is not defined yet (0 / 0) is kept as it is: null.
                        + "," + row("lead_conversion_rate", "EMPLOYEE", "e-1", "NULL", "0", "0", "NULL", "NULL", 1, 5)
                        // Another tenant and another month never enter t-acme's March.
                        + ",('t-other','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
                        + "1,1,NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',1,10,'2026-03-14 02:00:01.000')"
                        + ",('t-acme','new_policy_premium','MONTH_TO_DATE','2026-02-01','2026-02-28','EMPLOYEE','e-1',"
                        + "99,99,NULL,NULL,NULL,1,'2026-02-14 02:00:00.000',1,10,'2026-02-14 02:00:01.000')",
                RAW + raw("ev-1", "2026-03-10 02:00:00.000", "e-1", 0, 1, "2026-03-10 02:00:01.000") + ","
                        + raw("ev-2", "2026-03-12 02:00:00.000", "e-2", 1, 1, "2026-03-12 02:00:01.000") + ","
                        // 2026-04-01 04:00 in Shanghai: the engine is past the end of March + 2 h.
                        + raw("ev-3", "2026-03-31 20:00:00.000", "e-2", 1, 2, "2026-03-31 20:00:01.000"));
        return seed;
    }

    Connections connections() {
        return connector::open;
    }

    void execute(String... statements) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    static final String IV = "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start,"
            + " window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
            + " last_event_time, catalog_version, version, updated_at) VALUES ";

    static String row(
            String indicator,
            String type,
            String subject,
            String value,
            String numerator,
            String denominator,
            String target,
            String attainment,
            int events,
            int version) {
        return "('t-acme','" + indicator + "','MONTH_TO_DATE','2026-03-01','2026-03-31','" + type + "','" + subject
                + "'," + value + "," + numerator + "," + denominator + "," + target + "," + attainment + "," + events
                + ",'2026-03-14 02:00:00.000',1," + version + ",'2026-03-14 02:00:01.000')";
    }

    static final String RAW = "INSERT INTO raw_events (tenant_id, event_type, event_id, event_time, source_system,"
            + " employee_id, department_id, schema_fingerprint, payload_json, payload_avro, kafka_topic,"
            + " kafka_partition, kafka_offset, ingested_at) VALUES ";

    static String raw(String id, String utcTime, String employee, int partition, long offset, String ingestedAt) {
        return "('t-acme','policy.PolicyIssued','" + id + "','" + utcTime + "','policy','" + employee
                + "','d-sales',1,'{}','','kpi.events.policy'," + partition + "," + offset + ",'" + ingestedAt + "')";
    }

    long count(String sql) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The first column of every row of {@code sql}, as text. */
    java.util.List<String> strings(String sql) throws SQLException {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
