package io.kpipulse.read.org;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A migrated database holding March 2026 of a small company as the engine projects it (V003 rows; times
 * in UTC, the comments give Asia/Shanghai). Departments d-root ─ d-north ─ d-team1, d-team2; d-root ─ d-south.
 * <ul>
 *   <li>all created, and e-1 .. e-8 hired, at 03-01 00:00 (02-28 16:00 UTC): e-1 CEO in d-root; e-2 heads
 *       d-north and e-3 d-south (both report to e-1); e-4 heads d-team1 (reports to e-2) with e-5, e-8;
 *       e-6 heads d-team2 (reports to e-2);</li>
 *   <li>03-10 08:00 d-team2 renamed "Team 2 (Elite)"; 03-16 00:00 re-parented under d-south;</li>
 *   <li>03-16 08:30 e-5 moved to d-team2 (reports to e-6); 03-18 09:00 e-2 moved to d-south (reports to e-3);</li>
 *   <li>03-20 18:00 e-8 left; the link d-south → d-team1 ends on 03-20 00:00.</li>
 * </ul>
 * e-5's move is also inserted twice more as a replay would (same key, same version), and tenant t-other has
 * a department and an employee of the same ids, which must never show.
 */
final class OrgSeed {

    static final String TENANT = "t-acme";

    private OrgSeed() {}

    static Connections create(ClickHouseExtension clickhouse) throws SQLException {
        String db = clickhouse.freshDatabase("org");
        ClickHouseConnector connector = new ClickHouseConnector(clickhouse.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            for (String sql : new String[] {DEPARTMENTS, EMPLOYEES, EMPLOYEES_REPLAYED, PERSONAL, LINKS}) {
                s.execute(sql);
            }
        }
        return connector::open;
    }

    private static final String START = "'2026-02-28 16:00:00.000'";

    static final String DEPARTMENTS = "INSERT INTO org_department_lines VALUES"
            + "('t-acme','d-root'," + START + ",'CREATED','Head Office','','SUPPORT','EXECUTIVE','ev-d1',1),"
            + "('t-acme','d-north'," + START + ",'CREATED','North','d-root','FRONT_LINE','LIFE_SALES','ev-d2',2),"
            + "('t-acme','d-south'," + START + ",'CREATED','South','d-root','FRONT_LINE','LIFE_SALES','ev-d3',3),"
            + "('t-acme','d-team1'," + START + ",'CREATED','Team 1','d-north','FRONT_LINE','LIFE_SALES','ev-d4',4),"
            + "('t-acme','d-team2'," + START + ",'CREATED','Team 2','d-north','FRONT_LINE','LIFE_SALES','ev-d5',5),"
            + "('t-acme','d-team2','2026-03-10 00:00:00.000','RENAMED','Team 2 (Elite)','','','','ev-d6',40),"
            + "('t-acme','d-team2','2026-03-15 16:00:00.000','REPARENTED','','d-south','','','ev-d7',41),"
            + "('t-other','d-root'," + START + ",'CREATED','Other Co','','SUPPORT','EXECUTIVE','ev-o1',1)";

    private static final String MOVE_OF_E5 =
            "('t-acme','e-5','2026-03-16 00:30:00.000','MOVED','d-team2','Senior Agent','e-6','2026-03-16','ev-m1',50)";

    static final String EMPLOYEES = "INSERT INTO org_employee_lines VALUES"
            + "('t-acme','e-1'," + START + ",'HIRED','d-root','CEO','','2015-01-05','ev-h1',10),"
            + "('t-acme','e-2'," + START + ",'HIRED','d-north','Division Head','e-1','2018-03-01','ev-h2',11),"
            + "('t-acme','e-3'," + START + ",'HIRED','d-south','Division Head','e-1','2018-04-01','ev-h3',12),"
            + "('t-acme','e-4'," + START + ",'HIRED','d-team1','Head of Team 1','e-2','2020-06-01','ev-h4',13),"
            + "('t-acme','e-5'," + START + ",'HIRED','d-team1','Agent','e-4','2024-09-02','ev-h5',14),"
            + "('t-acme','e-6'," + START + ",'HIRED','d-team2','Head of Team 2','e-2','2021-02-01','ev-h6',15),"
            + "('t-acme','e-8'," + START + ",'HIRED','d-team1','Agent','e-4','2025-11-03','ev-h8',16),"
            + MOVE_OF_E5 + ","
            + "('t-acme','e-2','2026-03-18 01:00:00.000','MOVED','d-south','Deputy Head','e-3','2026-03-18','ev-m2',51),"
            + "('t-acme','e-8','2026-03-20 10:00:00.000','LEFT','d-team1','','','2026-03-20','ev-l1',60),"
            + "('t-other','e-1'," + START + ",'HIRED','d-root','CEO','','2015-01-05','ev-o2',2)";

    static final String EMPLOYEES_REPLAYED = "INSERT INTO org_employee_lines VALUES " + MOVE_OF_E5 + "," + MOVE_OF_E5;

    static final String PERSONAL = "INSERT INTO org_employee_personal VALUES"
            + "('t-acme','e-1'," + START + ",'王伟',60000.00,'2015-01-05','ev-h1',10),"
            + "('t-acme','e-2'," + START + ",'李娜',35000.00,'2018-03-01','ev-h2',11),"
            + "('t-acme','e-5'," + START + ",'张敏',6000.10,'2024-09-02','ev-h5',14),"
            + "('t-acme','e-8'," + START + ",'陈静',6200.00,'2025-11-03','ev-h8',16),"
            + "('t-other','e-1'," + START + ",'Other Person',1.00,'2015-01-05','ev-o2',2)";

    static final String LINKS = "INSERT INTO org_support_links VALUES"
            + "('t-acme','d-south','d-team1'," + START + ",1,'2026-03-01','ev-s1',7),"
            + "('t-acme','d-south','d-team1','2026-03-19 16:00:00.000',0,'2026-03-20','ev-s2',70)";
}
