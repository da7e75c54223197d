package io.kpipulse.pipeline.tables;

import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.sink.TableWriter;
import java.util.List;

/** One table of the org directory's projection: which facts it keeps, and how it writes them. */
public interface OrgTable extends TableWriter<SourcedOrgFact> {

    boolean accepts(SourcedOrgFact fact);

    /** Every table of the projection (V003); each fact lands in one or two of them. */
    static List<OrgTable> all() {
        return List.of(
                new OrgEmployeeLinesTable(),
                new OrgEmployeePersonalTable(),
                new OrgDepartmentLinesTable(),
                new OrgSupportLinksTable());
    }
}
