package io.kpipulse.pipeline.tables;

import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.org.SupportLinkFact;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** {@code org_support_links}: one row per link started or ended. */
public final class OrgSupportLinksTable implements OrgTable {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean accepts(SourcedOrgFact fact) {
        return fact.fact() instanceof SupportLinkFact;
    }

    @Override
    public String table() {
        return "org_support_links";
    }

    @Override
    public List<String> columns() {
        return List.of(
                "tenant_id",
                "support_department_id",
                "business_department_id",
                "valid_from",
                "active",
                "effective_date",
                "event_id",
                "version");
    }

    @Override
    public void bind(PreparedStatement ps, SourcedOrgFact row) throws SQLException {
        SupportLinkFact s = (SupportLinkFact) row.fact();
        ps.setString(1, s.tenantId());
        ps.setString(2, s.supportDepartmentId());
        ps.setString(3, s.businessDepartmentId());
        Columns.utc(ps, 4, s.fromMillis());
        ps.setInt(5, s.active() ? 1 : 0);
        ps.setObject(6, s.effectiveDate());
        ps.setString(7, row.eventId());
        ps.setLong(8, row.version());
    }
}
