package io.kpipulse.pipeline.tables;

import io.kpipulse.org.EmployeeFact;
import io.kpipulse.org.SourcedOrgFact;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * {@code org_employee_personal}: the name and base pay of every hire. Personal data: a rejected row is
 * reported through {@link io.kpipulse.org.EmployeeFact#toString}, which leaves both out.
 */
public final class OrgEmployeePersonalTable implements OrgTable {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean accepts(SourcedOrgFact fact) {
        return fact.fact() instanceof EmployeeFact e && e.change() == EmployeeFact.Change.HIRED;
    }

    @Override
    public String table() {
        return "org_employee_personal";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id", "employee_id", "valid_from", "name", "base_pay", "hire_date", "event_id", "version");
    }

    @Override
    public void bind(PreparedStatement ps, SourcedOrgFact row) throws SQLException {
        EmployeeFact e = (EmployeeFact) row.fact();
        ps.setString(1, e.tenantId());
        ps.setString(2, e.employeeId());
        Columns.utc(ps, 3, e.fromMillis());
        ps.setString(4, e.name());
        ps.setBigDecimal(5, e.basePay());
        ps.setObject(6, e.businessDate());
        ps.setString(7, row.eventId());
        ps.setLong(8, row.version());
    }
}
