package io.kpipulse.simulator.truth;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.specific.SpecificRecord;

/**
 * One tenant's org directory history, rebuilt from its accepted org events: which department an employee
 * belonged to, and which parent a department had, at any instant. A change counts from its event time on
 * (inclusive).
 */
public final class OrgDirectory {

    private record Change(long from, String value) {}

    private final Map<String, List<Change>> employeeDepartment = new TreeMap<>();
    private final Map<String, List<Change>> departmentParent = new TreeMap<>();

    /** Directories per tenant from accepted events (other event types are ignored). */
    public static Map<String, OrgDirectory> fromEvents(List<? extends SpecificRecord> events) {
        List<SpecificRecord> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(e -> EventHeaders.header(e).getEventTime()));
        Map<String, OrgDirectory> out = new TreeMap<>();
        for (SpecificRecord e : sorted) {
            String tenant = EventHeaders.header(e).getTenantId();
            out.computeIfAbsent(tenant, t -> new OrgDirectory()).apply(e);
        }
        return out;
    }

    private void apply(SpecificRecord e) {
        long t = EventHeaders.header(e).getEventTime().toEpochMilli();
        if (e instanceof DepartmentCreated d) {
            departmentParent
                    .computeIfAbsent(d.getDepartmentId(), k -> new ArrayList<>())
                    .add(new Change(t, d.getParentDepartmentId()));
        } else if (e instanceof DepartmentReparented d) {
            departmentParent
                    .computeIfAbsent(d.getDepartmentId(), k -> new ArrayList<>())
                    .add(new Change(t, d.getNewParentDepartmentId()));
        } else if (e instanceof EmployeeHired h) {
            employeeDepartment
                    .computeIfAbsent(h.getEmployeeId(), k -> new ArrayList<>())
                    .add(new Change(t, h.getDepartmentId()));
        } else if (e instanceof EmployeeMoved m) {
            employeeDepartment
                    .computeIfAbsent(m.getEmployeeId(), k -> new ArrayList<>())
                    .add(new Change(t, m.getToDepartmentId()));
        } else if (e instanceof EmployeeLeft) {
            // Leaving does not change where past work is rolled up; nothing to record for the roll-up.
            return;
        }
    }

    /** The employee's department at {@code at}; before any record, their first known department; null if unknown. */
    public String departmentOf(String employeeId, long at) {
        return valueAt(employeeDepartment.get(employeeId), at);
    }

    /** The department and its ancestors at {@code at}, nearest first. */
    public List<String> pathOf(String departmentId, long at) {
        List<String> path = new ArrayList<>();
        String current = departmentId;
        while (current != null && !path.contains(current)) {
            path.add(current);
            current = valueAt(departmentParent.get(current), at);
        }
        return path;
    }

    private static String valueAt(List<Change> changes, long at) {
        if (changes == null || changes.isEmpty()) {
            return null;
        }
        String value = changes.get(0).value();
        for (Change c : changes) {
            if (c.from() <= at) {
                value = c.value();
            }
        }
        return value;
    }
}
