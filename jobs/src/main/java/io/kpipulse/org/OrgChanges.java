package io.kpipulse.org;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentRenamed;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import io.kpipulse.events.org.SupportLinkAssigned;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * The one reader of org events. Changes take effect at the event's time, so the source systems emit them when
 * the change happens (a hire on the first working day). The engine's directory uses {@link #of}; the
 * ClickHouse projection uses {@link #facts}, of which {@link #of} is the attribution part.
 */
public final class OrgChanges {

    private OrgChanges() {}

    /** The directory changes of an event (empty for events that change no time line). */
    public static List<OrgChange> of(SpecificRecord event) {
        List<OrgChange> changes = new ArrayList<>(1);
        for (OrgFact fact : facts(event)) {
            changes.addAll(fact.directoryChanges());
        }
        return changes;
    }

    /** Everything an org event says about the directory (empty for events of other systems). */
    public static List<OrgFact> facts(SpecificRecord event) {
        var header = EventHeaders.header(event);
        String tenant = header.getTenantId();
        long at = header.getEventTime().toEpochMilli();
        if (event instanceof EmployeeHired e) {
            return List.of(new EmployeeFact(
                    tenant,
                    e.getEmployeeId(),
                    at,
                    EmployeeFact.Change.HIRED,
                    e.getDepartmentId(),
                    e.getPosition(),
                    e.getManagerId(),
                    e.getHireDate(),
                    e.getName(),
                    e.getBasePay()));
        }
        if (event instanceof EmployeeMoved e) {
            return List.of(new EmployeeFact(
                    tenant,
                    e.getEmployeeId(),
                    at,
                    EmployeeFact.Change.MOVED,
                    e.getToDepartmentId(),
                    e.getPosition(),
                    e.getManagerId(),
                    e.getEffectiveDate(),
                    null,
                    null));
        }
        if (event instanceof EmployeeLeft e) {
            return List.of(new EmployeeFact(
                    tenant,
                    e.getEmployeeId(),
                    at,
                    EmployeeFact.Change.LEFT,
                    e.getDepartmentId(),
                    null,
                    null,
                    e.getLeaveDate(),
                    null,
                    null));
        }
        if (event instanceof DepartmentCreated d) {
            return List.of(new DepartmentFact(
                    tenant,
                    d.getDepartmentId(),
                    at,
                    DepartmentFact.Change.CREATED,
                    d.getName(),
                    d.getParentDepartmentId(),
                    d.getDepartmentType().name(),
                    d.getFunction().name()));
        }
        if (event instanceof DepartmentRenamed d) {
            return List.of(new DepartmentFact(
                    tenant, d.getDepartmentId(), at, DepartmentFact.Change.RENAMED, d.getNewName(), null, null, null));
        }
        if (event instanceof DepartmentReparented d) {
            return List.of(new DepartmentFact(
                    tenant,
                    d.getDepartmentId(),
                    at,
                    DepartmentFact.Change.REPARENTED,
                    null,
                    d.getNewParentDepartmentId(),
                    null,
                    null));
        }
        if (event instanceof SupportLinkAssigned s) {
            return List.of(new SupportLinkFact(
                    tenant,
                    s.getSupportDepartmentId(),
                    s.getBusinessDepartmentId(),
                    at,
                    s.getActive(),
                    s.getEffectiveDate()));
        }
        return List.of();
    }
}
