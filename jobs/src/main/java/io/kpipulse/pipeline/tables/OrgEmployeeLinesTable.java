package io.kpipulse.pipeline.tables;

import io.kpipulse.org.EmployeeFact;
import io.kpipulse.org.SourcedOrgFact;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code org_employee_lines}: one row per hire, move and leave, keyed by employee and valid-from instant. */
public final class OrgEmployeeLinesTable implements OrgTable {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean accepts(SourcedOrgFact fact) {
        return fact.fact() instanceof EmployeeFact;
    }

    @Override
    public String table() {
        return "org_employee_lines";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "employee_id",
                "valid_from",
                "change",
                "department_id",
                "position",
                "manager_id",
                "business_date",
                "event_id",
                "version");
    }

    @Override
    public void bind(PreparedStatement ps, SourcedOrgFact row) throws SQLException {
        EmployeeFact e = (EmployeeFact) row.fact();
        ps.setString(1, e.tenantId());
        ps.setString(2, e.employeeId());
        Columns.utc(ps, 3, e.fromMillis());
        ps.setString(4, e.change().name());
        ps.setString(5, Columns.orEmpty(e.departmentId()));
        ps.setString(6, Columns.orEmpty(e.position()));
        ps.setString(7, Columns.orEmpty(e.managerId()));
        ps.setObject(8, e.businessDate());
        ps.setString(9, row.eventId());
        ps.setLong(10, row.version());
    }
}
