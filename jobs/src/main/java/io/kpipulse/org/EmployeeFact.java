package io.kpipulse.org;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * An employee hired, moved or left, from {@code fromMillis} on.
 *
 * @param departmentId the department from then on; for {@link Change#LEFT} the department left
 * @param position     null for {@link Change#LEFT}
 * @param managerId    the direct manager from then on (null: none); null for {@link Change#LEFT}
 * @param businessDate the date the source system recorded (hire, effective or leave date); informational,
 *                     the directory follows the event time as the engine does
 * @param name         display name, only on {@link Change#HIRED}: personal data, never logged
 * @param basePay      monthly base pay in CNY, only on {@link Change#HIRED}: personal data, never logged
 */
public record EmployeeFact(
        String tenantId,
        String employeeId,
        long fromMillis,
        Change change,
        String departmentId,
        String position,
        String managerId,
        LocalDate businessDate,
        String name,
        BigDecimal basePay)
        implements OrgFact {

    public enum Change {
        HIRED,
        MOVED,
        LEFT
    }

    @Override
    public List<OrgChange> directoryChanges() {
        List<OrgChange> changes = new ArrayList<>(1);
        changes.add(new OrgChange(
                tenantId,
                OrgChange.Kind.EMPLOYEE_DEPARTMENT,
                employeeId,
                fromMillis,
                change == Change.LEFT ? null : departmentId));
        return changes;
    }

    /** Leaves out the name and base pay, so a fact that ends up in a log or an exception message leaks neither. */
    @Override
    public String toString() {
        return "EmployeeFact[" + tenantId + " " + employeeId + " " + change + " " + departmentId + " at " + fromMillis
                + "]";
    }
}
