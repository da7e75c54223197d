package io.kpipulse.pipeline.tables;

import io.kpipulse.org.DepartmentFact;
import io.kpipulse.org.SourcedOrgFact;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code org_department_lines}: one row per creation, renaming and re-parenting; unset fields are empty. */
public final class OrgDepartmentLinesTable implements OrgTable {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean accepts(SourcedOrgFact fact) {
        return fact.fact() instanceof DepartmentFact;
    }

    @Override
    public String table() {
        return "org_department_lines";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "department_id",
                "valid_from",
                "change",
                "name",
                "parent_id",
                "department_type",
                "function",
                "event_id",
                "version");
    }

    @Override
    public void bind(PreparedStatement ps, SourcedOrgFact row) throws SQLException {
        DepartmentFact d = (DepartmentFact) row.fact();
        ps.setString(1, d.tenantId());
        ps.setString(2, d.departmentId());
        Columns.utc(ps, 3, d.fromMillis());
        ps.setString(4, d.change().name());
        ps.setString(5, Columns.orEmpty(d.name()));
        ps.setString(6, Columns.orEmpty(d.parentId()));
        ps.setString(7, Columns.orEmpty(d.type()));
        ps.setString(8, Columns.orEmpty(d.function()));
        ps.setString(9, row.eventId());
        ps.setLong(10, row.version());
    }
}
