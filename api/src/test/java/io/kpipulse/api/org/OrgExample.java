package io.kpipulse.api.org;

import java.sql.SQLException;
import java.sql.Statement;

/**
 * The hand-built org of tenant {@code t-acme} that {@link OrgHttpTest} and api/README.md's org examples use.
 * March 2026 in Shanghai (UTC+8; the SQL is in UTC): d-root ─ d-north ─ d-team1, d-team2, all created and
 * everyone hired on 03-01 00:00. e-1 CEO; e-2 heads d-north; e-4 heads d-team1 with e-5 and e-8; e-6 heads
 * d-team2. d-team2 renamed on 03-10 08:00; e-5 moved to d-team2 on 03-16 08:30; e-8 left on 03-20 18:00.
 */
public final class OrgExample {

    private static final String START = "'2026-02-28 16:00:00.000'";

    private OrgExample() {}

    public static void insert(Statement s) throws SQLException {
        s.execute("INSERT INTO org_department_lines VALUES"
                + "('t-acme','d-root'," + START + ",'CREATED','总部','','SUPPORT','EXECUTIVE','ev-d1',1),"
                + "('t-acme','d-north'," + START
                + ",'CREATED','North','d-root','FRONT_LINE','LIFE_SALES','ev-d2',2),"
                + "('t-acme','d-team1'," + START
                + ",'CREATED','Team 1','d-north','FRONT_LINE','LIFE_SALES','ev-d4',4),"
                + "('t-acme','d-team2'," + START
                + ",'CREATED','Team 2','d-north','FRONT_LINE','LIFE_SALES','ev-d5',5),"
                + "('t-acme','d-team2','2026-03-10 00:00:00.000','RENAMED','Team 2 (Elite)','','','','ev-d6',40)");
        s.execute("INSERT INTO org_employee_lines VALUES"
                + "('t-acme','e-1'," + START + ",'HIRED','d-root','CEO','','2015-01-05','ev-h1',10),"
                + "('t-acme','e-2'," + START + ",'HIRED','d-north','Division Head','e-1','2018-03-01','ev-h2',11),"
                + "('t-acme','e-4'," + START + ",'HIRED','d-team1','Head of Team 1','e-2','2020-06-01','ev-h4',13),"
                + "('t-acme','e-5'," + START + ",'HIRED','d-team1','Agent','e-4','2024-09-02','ev-h5',14),"
                + "('t-acme','e-6'," + START + ",'HIRED','d-team2','Head of Team 2','e-2','2021-02-01','ev-h6',15),"
                + "('t-acme','e-8'," + START + ",'HIRED','d-team1','Agent','e-4','2025-11-03','ev-h8',16),"
                + "('t-acme','e-5','2026-03-16 00:30:00.000','MOVED','d-team2','Senior Agent','e-6','2026-03-16','ev-m1',50),"
                + "('t-acme','e-8','2026-03-20 10:00:00.000','LEFT','d-team1','','','2026-03-20','ev-l1',60)");
        s.execute("INSERT INTO org_employee_personal VALUES"
                + "('t-acme','e-1'," + START + ",'王伟',60000.00,'2015-01-05','ev-h1',10),"
                + "('t-acme','e-2'," + START + ",'李娜',35000.00,'2018-03-01','ev-h2',11),"
                + "('t-acme','e-4'," + START + ",'刘洋',18000.00,'2020-06-01','ev-h4',13),"
                + "('t-acme','e-5'," + START + ",'张敏',6000.10,'2024-09-02','ev-h5',14),"
                + "('t-acme','e-6'," + START + ",'赵磊',17000.00,'2021-02-01','ev-h6',15),"
                + "('t-acme','e-8'," + START + ",'陈静',6200.00,'2025-11-03','ev-h8',16)");
    }
}
