package io.kpipulse.org;

import io.kpipulse.indicators.OrgView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * {@link OrgView} over time lines looked up by state key (Flink broadcast state in the job, a map in
 * tests). A department's ancestors are followed through each department's parent at the given time;
 * a cycle (a bad re-parenting) stops the walk instead of looping.
 */
public final class OrgDirectoryView implements OrgView {

    private static final int MAX_DEPTH = 64;

    private final Function<String, TimeLine> lookup;

    public OrgDirectoryView(Function<String, TimeLine> lookup) {
        this.lookup = lookup;
    }

    @Override
    public String departmentOf(String tenantId, String employeeId, long timeMillis) {
        TimeLine line = lookup.apply(OrgChange.stateKey(tenantId, OrgChange.Kind.EMPLOYEE_DEPARTMENT, employeeId));
        return line == null ? null : line.valueAt(timeMillis);
    }

    @Override
    public List<String> pathOf(String tenantId, String departmentId, long timeMillis) {
        List<String> path = new ArrayList<>();
        String current = departmentId;
        while (current != null && path.size() < MAX_DEPTH && !path.contains(current)) {
            TimeLine line = lookup.apply(OrgChange.stateKey(tenantId, OrgChange.Kind.DEPARTMENT_PARENT, current));
            if (line == null || line.isEmpty()) {
                break; // Unknown department: not part of the tree.
            }
            path.add(current);
            current = line.valueAt(timeMillis);
        }
        return path;
    }

    /** Whether the employee belonged to some department at that time. */
    public boolean employed(String tenantId, String employeeId, long timeMillis) {
        return departmentOf(tenantId, employeeId, timeMillis) != null;
    }
}
