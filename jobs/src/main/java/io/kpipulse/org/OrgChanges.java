package io.kpipulse.org;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads the org-directory changes an org event carries. Changes take effect at the event's time, so the
 * source systems emit them when the change happens (a hire on the first working day).
 */
public final class OrgChanges {

    private OrgChanges() {}

    public static List<OrgChange> of(SpecificRecord event) {
        var header = EventHeaders.header(event);
        String tenant = header.getTenantId();
        long at = header.getEventTime().toEpochMilli();
        if (event instanceof EmployeeHired e) {
            return List.of(new OrgChange(
                    tenant, OrgChange.Kind.EMPLOYEE_DEPARTMENT, e.getEmployeeId(), at, e.getDepartmentId()));
        }
        if (event instanceof EmployeeMoved e) {
            return List.of(new OrgChange(
                    tenant, OrgChange.Kind.EMPLOYEE_DEPARTMENT, e.getEmployeeId(), at, e.getToDepartmentId()));
        }
        if (event instanceof EmployeeLeft e) {
            return List.of(new OrgChange(tenant, OrgChange.Kind.EMPLOYEE_DEPARTMENT, e.getEmployeeId(), at, null));
        }
        if (event instanceof DepartmentCreated d) {
            return List.of(new OrgChange(
                    tenant, OrgChange.Kind.DEPARTMENT_PARENT, d.getDepartmentId(), at, d.getParentDepartmentId()));
        }
        if (event instanceof DepartmentReparented d) {
            return List.of(new OrgChange(
                    tenant, OrgChange.Kind.DEPARTMENT_PARENT, d.getDepartmentId(), at, d.getNewParentDepartmentId()));
        }
        return List.of();
    }
}
