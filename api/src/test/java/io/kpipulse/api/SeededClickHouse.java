package io.kpipulse.api;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A fresh database with the real migrations and a hand-built month of data for tenant {@value #TENANT}
 * (and a little for {@value #OTHER_TENANT}, which must never leak). Times are UTC in the SQL; the comments
 * give the tenant's Asia/Shanghai time where the boundary matters.
 */
public final class SeededClickHouse {

    public static final String TENANT = "t-acme";
    public static final String OTHER_TENANT = "t-other";

    private final ClickHouseConnector connector;

    private SeededClickHouse(ClickHouseConnector connector) {
        this.connector = connector;
    }

    public static SeededClickHouse create(ClickHouseExtension clickhouse, String prefix) throws SQLException {
        String db = clickhouse.freshDatabase(prefix);
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        SeededClickHouse seeded = new SeededClickHouse(connector);
        seeded.execute(INDICATOR_VALUES, STALE_VALUES, RAW_EVENTS, DEAD_LETTERS, LATE_EVENTS);
        return seeded;
    }

    public Connections connections() {
        return connector::open;
    }

    public ClickHouseConnector connector() {
        return connector;
    }

    public long count(String table) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count() FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private static final String IV_COLUMNS = "INSERT INTO indicator_values (tenant_id, indicator_id, window_type,"
            + " window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment,"
            + " event_count, last_event_time, catalog_version, version, updated_at) VALUES ";

    /**
     * new_policy_premium, March 2026 month to date: e-6 huge, e-2 and e-3 tied, e-1 whose stale lower versions
     * are inserted after the newest, e-4 whose newest version has no value (an older one had a big value).
     */
    static final String INDICATOR_VALUES = IV_COLUMNS
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
            + "12345.67,12345.67,NULL,90000,0.137174,3,'2026-03-14 02:00:00.000',1,30,'2026-03-14 02:00:01.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-2',"
            + "50000.1,50000.1,NULL,90000,0.555557,5,'2026-03-13 01:00:00.000',1,50,'2026-03-13 01:00:01.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-3',"
            + "50000.10,50000.10,NULL,90000,0.555557,2,'2026-03-12 01:00:00.000',1,20,'2026-03-12 01:00:01.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-4',"
            + "NULL,NULL,NULL,90000,NULL,7,'2026-03-11 01:00:00.000',1,70,'2026-03-11 01:00:01.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-6',"
            + "12345678901234567890123.45,12345678901234567890123.45,NULL,90000,137174209920384087667.927222,"
            + "1,'2026-03-10 01:00:00.000',1,10,'2026-03-10 01:00:01.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','DEPARTMENT','d-sales',"
            + "112345.87,112345.87,NULL,NULL,NULL,11,'2026-03-14 02:00:00.000',1,110,'2026-03-14 02:00:01.000'),"
            + "('t-acme','policies_issued','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
            + "3,3,NULL,12,0.25,3,'2026-03-14 02:00:00.000',1,30,'2026-03-14 02:00:01.000'),"
            // Two days the rolling weeks are assembled from: the week ending 2026-03-15 holds 700.00, the one
            // ending 2026-03-14 600.00, the one ending 2026-03-13 nothing.
            + "('t-acme','new_policy_premium','DAY','2026-03-15','2026-03-15','EMPLOYEE','e-1',"
            + "100.00,100.00,NULL,NULL,NULL,1,'2026-03-15 02:00:00.000',1,20,'2026-03-15 02:00:01.000'),"
            + "('t-acme','new_policy_premium','DAY','2026-03-14','2026-03-14','EMPLOYEE','e-1',"
            + "600.00,600.00,NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',1,20,'2026-03-14 02:00:01.000'),"
            // LOWER_IS_BETTER: the fastest handler ranks first.
            + "('t-acme','claim_cycle_time_avg','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','c-1',"
            + "2.5,5,2,NULL,NULL,2,'2026-03-14 02:00:00.000',1,20,'2026-03-14 02:00:01.000'),"
            + "('t-acme','claim_cycle_time_avg','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','c-2',"
            + "0.75,1.5,2,NULL,NULL,2,'2026-03-14 02:00:00.000',1,20,'2026-03-14 02:00:01.000'),"
            // e-1's February: the previous instance, the trend of March.
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-02-01','2026-02-28','EMPLOYEE','e-1',"
            + "1000.00,1000.00,NULL,90000,0.011111,1,'2026-02-10 02:00:00.000',1,10,'2026-02-10 02:00:01.000'),"
            // Self-report: the CRM verified 80 records (numerator, the value), e-2 claimed 100 (denominator).
            + "('t-acme','customer_records_completed','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-2',"
            + "80,80,100,NULL,NULL,80,'2026-03-14 02:00:00.000',1,80,'2026-03-14 02:00:01.000'),"
            // Another tenant's e-1: must never appear for t-acme.
            + "('t-other','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
            + "1,1,NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',1,10,'2026-03-14 02:00:01.000')";

    /** Stale versions, inserted after the newest in their own part: a lower version must lose whatever its arrival. */
    static final String STALE_VALUES = IV_COLUMNS
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
            + "99999.99,99999.99,NULL,90000,1.111111,2,'2026-03-13 02:00:00.000',1,20,'2026-03-15 09:00:00.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-1',"
            + "100.00,100.00,NULL,90000,0.001111,1,'2026-03-02 02:00:00.000',1,10,'2026-03-15 09:00:00.000'),"
            + "('t-acme','new_policy_premium','MONTH_TO_DATE','2026-03-01','2026-03-31','EMPLOYEE','e-4',"
            + "999999.00,999999.00,NULL,90000,11.111100,6,'2026-03-10 01:00:00.000',1,60,'2026-03-15 09:00:00.000')";

    private static final String RAW_COLUMNS = "INSERT INTO raw_events (tenant_id, event_type, event_id, event_time,"
            + " source_system, employee_id, department_id, schema_fingerprint, payload_json, payload_avro, kafka_topic,"
            + " kafka_partition, kafka_offset, ingested_at) VALUES ";

    static final String RAW_EVENTS = RAW_COLUMNS
            // 2026-03-01 00:30 in Shanghai: already March for the tenant, still February in UTC.
            + raw(
                    "ev-1",
                    "policy.PolicyIssued",
                    "2026-02-28 16:30:00.000",
                    "e-1",
                    "d-sales",
                    "{\"premium\":\"1000.00\"}",
                    1)
            + ","
            // 2026-03-31 23:59:59.999 in Shanghai: the last instant of March.
            + raw(
                    "ev-2",
                    "policy.PolicyIssued",
                    "2026-03-31 15:59:59.999",
                    "e-1",
                    "d-sales",
                    "{\"premium\":\"2000.00\"}",
                    2)
            + ","
            // 2026-04-01 00:00 in Shanghai: April.
            + raw("ev-3", "policy.PolicyIssued", "2026-03-31 16:00:00.000", "e-1", "d-sales", "{}", 3) + ","
            // 2026-02-28 23:59 in Shanghai: still February.
            + raw("ev-4", "policy.PolicyIssued", "2026-02-28 15:59:00.000", "e-1", "d-sales", "{}", 4) + ","
            + raw("ev-5", "claims.ClaimPaid", "2026-03-10 02:00:00.000", "e-1", "d-sales", "{}", 5) + ","
            + raw("ev-6", "policy.PolicyIssued", "2026-03-10 02:00:00.000", "e-2", "d-sales", "{}", 6) + ","
            + "('t-other','policy.PolicyIssued','ev-7','2026-03-10 02:00:00.000','policy','e-1','d-sales',1,'{}','',"
            + "'policy',0,7,'2026-03-10 02:00:01.000'),"
            // ev-1 again: a replay archived it twice; lineage shows it once.
            + raw(
                    "ev-1",
                    "policy.PolicyIssued",
                    "2026-02-28 16:30:00.000",
                    "e-1",
                    "d-sales",
                    "{\"premium\":\"1000.00\"}",
                    1);

    private static String raw(
            String id, String type, String utcTime, String employee, String department, String json, int offset) {
        return "('t-acme','" + type + "','" + id + "','" + utcTime + "','" + type.substring(0, type.indexOf('.'))
                + "','" + employee + "','" + department + "',1,'" + json + "','avro'," + "'" + type
                + "',0," + offset + ",now64(3))";
    }

    static final String DEAD_LETTERS =
            "INSERT INTO dead_letters (kafka_topic, kafka_partition, kafka_offset, tenant_id,"
                    + " reason, detail, event_type, event_id, original_bytes, record_key, detected_at) VALUES "
                    + "('policy',0,100,'t-acme','MALFORMED_AVRO','truncated record','','',base64Encode(unhex('00FF10')),'k1','2026-03-10 01:00:00.000'),"
                    + "('policy',0,101,'t-acme','UNKNOWN_EMPLOYEE','employee e-404 not in directory','policy.PolicyIssued','ev-9',"
                    + "base64Encode(unhex('0102')),'k2','2026-03-11 01:00:00.000'),"
                    + "('policy',0,102,'t-acme','MALFORMED_AVRO','bad union index','','',base64Encode(unhex('FF')),'k3','2026-03-12 01:00:00.000'),"
                    + "('policy',0,103,'t-other','MALFORMED_AVRO','other tenant','','',base64Encode(unhex('AA')),'k4','2026-03-13 01:00:00.000')";

    static final String LATE_EVENTS =
            "INSERT INTO late_events (tenant_id, event_type, event_id, event_time, received_at,"
                    + " reason, employee_id, department_id, payload_avro, kafka_topic, kafka_partition, kafka_offset,"
                    + " detected_at) VALUES ('t-acme','policy.PolicyIssued','ev-late','2026-02-27 01:00:00.000',"
                    + "'2026-03-05 00:00:00.000','AFTER_ALLOWED_LATENESS','e-1','d-sales',base64Encode(unhex('CAFE')),'policy',0,200,"
                    + "'2026-03-05 00:00:01.000')";
}
