package io.kpipulse.scoring;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A migrated database with March 2026 of a small insurer, as the engine projects it (org V003 rows and
 * MONTH_TO_DATE indicator values; times UTC). d-root ─ d-claims (clerks a-1 = Clerk A, b-1 = Clerk B, position
 * "Claims Clerk"), d-finance (f-1), d-sales. Values are the seed documents' examples; tenant t-other has a
 * clerk a-1 too, which must never show.
 */
final class ScoringSeed {

    static final String TENANT = "t-acme";
    private static final String START = "'2026-02-28 16:00:00.000'";

    private ScoringSeed() {}

    static Connections create(ClickHouseExtension clickhouse, String prefix) throws SQLException {
        String db = clickhouse.freshDatabase(prefix);
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (String sql : new String[] {DEPARTMENTS, EMPLOYEES, PERSONAL, VALUES}) {
                s.execute(sql);
            }
        }
        return connector::open;
    }

    static final String DEPARTMENTS = "INSERT INTO org_department_lines VALUES"
            + "('t-acme','d-root'," + START + ",'CREATED','Head Office','','SUPPORT','EXECUTIVE','ev-d1',1),"
            + "('t-acme','d-claims'," + START + ",'CREATED','Claims','d-root','FRONT_LINE','PC_CLAIMS','ev-d2',2),"
            + "('t-acme','d-finance'," + START + ",'CREATED','Finance','d-root','SUPPORT','FINANCE','ev-d3',3),"
            + "('t-acme','d-sales'," + START + ",'CREATED','Sales','d-root','FRONT_LINE','LIFE_SALES','ev-d4',4),"
            + "('t-other','d-claims'," + START + ",'CREATED','Other','','FRONT_LINE','PC_CLAIMS','ev-o1',1)";

    static final String EMPLOYEES = "INSERT INTO org_employee_lines VALUES"
            + "('t-acme','a-1'," + START + ",'HIRED','d-claims','Claims Clerk','','2024-01-02','ev-h1',10),"
            + "('t-acme','b-1'," + START + ",'HIRED','d-claims','Claims Clerk','','2024-01-02','ev-h2',11),"
            + "('t-acme','f-1'," + START + ",'HIRED','d-finance','Accountant','','2023-05-04','ev-h3',12),"
            + "('t-acme','s-1'," + START + ",'HIRED','d-sales','Agent','','2023-05-04','ev-h4',13),"
            + "('t-other','a-1'," + START + ",'HIRED','d-claims','Claims Clerk','','2024-01-02','ev-o2',2)";

    static final String PERSONAL = "INSERT INTO org_employee_personal VALUES"
            + "('t-acme','a-1'," + START + ",'赵一',8000.00,'2024-01-02','ev-h1',10),"
            + "('t-acme','b-1'," + START + ",'钱二',6000.00,'2024-01-02','ev-h2',11),"
            + "('t-acme','f-1'," + START + ",'孙三',10000.00,'2023-05-04','ev-h3',12),"
            + "('t-other','a-1'," + START + ",'李四',99999.00,'2024-01-02','ev-o2',2)";

    private static String value(String tenant, String indicator, String type, String subject, String value) {
        return "('" + tenant + "','" + indicator + "','MONTH_TO_DATE','2026-03-01','2026-03-31','" + type + "','"
                + subject + "'," + value + "," + value + ",NULL,NULL,NULL,1,'2026-03-14 02:00:00.000',1,10,"
                + "'2026-03-14 02:00:01.000')";
    }

    static final String VALUES = "INSERT INTO indicator_values (tenant_id, indicator_id, window_type,"
            + " window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment,"
            + " event_count, last_event_time, catalog_version, version, updated_at) VALUES "
            + String.join(
                    ",",
                    value("t-acme", "task_quantity", "EMPLOYEE", "a-1", "50"),
                    value("t-acme", "task_timeliness", "EMPLOYEE", "a-1", "0.9"),
                    value("t-acme", "task_error_rate", "EMPLOYEE", "a-1", "0"),
                    value("t-acme", "task_quantity", "EMPLOYEE", "b-1", "40"),
                    value("t-acme", "task_timeliness", "EMPLOYEE", "b-1", "0.7"),
                    value("t-acme", "task_error_rate", "EMPLOYEE", "b-1", "0.1"),
                    value("t-acme", "reimbursement_within_1wd", "EMPLOYEE", "f-1", "0.8"),
                    value("t-acme", "claim_payment_time_median", "EMPLOYEE", "f-1", "20"),
                    value("t-acme", "claim_cycle_time_avg", "DEPARTMENT", "d-claims", "2.5"),
                    value("t-acme", "new_hire_sales_3m", "DEPARTMENT", "d-sales", "80000"),
                    value("t-other", "task_quantity", "EMPLOYEE", "a-1", "1"));
}
