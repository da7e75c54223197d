package io.kpipulse.read.org;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of an employee's time line as the engine projected it.
 *
 * @param change       {@code HIRED}, {@code MOVED} or {@code LEFT}
 * @param departmentId from then on; for {@code LEFT} the department left
 * @param managerId    null when none (and for {@code LEFT})
 * @param businessDate the hire, effective or leave date the source system recorded
 */
public record EmployeeLine(
        Instant validFrom,
        String change,
        String departmentId,
        String position,
        String managerId,
        LocalDate businessDate) {

    public boolean isLeave() {
        return "LEFT".equals(change);
    }

    public boolean isHire() {
        return "HIRED".equals(change);
    }
}
