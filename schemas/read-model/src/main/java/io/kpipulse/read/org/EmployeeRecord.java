package io.kpipulse.read.org;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An employee as of a day, with the whole history of their time line.
 *
 * @param placement where they work that day; empty when not employed then
 * @param hiredOn   the hire date of the employment that day (or, when not employed, of the latest one before)
 * @param leftOn    the leave date ending that employment, when one is recorded (it may lie after the day)
 * @param history   every stretch of days with one department, position and manager, oldest first
 */
public record EmployeeRecord(
        String employeeId, Optional<Placement> placement, LocalDate hiredOn, LocalDate leftOn, List<Stretch> history) {

    /**
     * Days on whose end the employee had this department, position and manager.
     *
     * @param to the last such day; null while it still holds
     */
    public record Stretch(LocalDate from, LocalDate to, String departmentId, String position, String managerId) {}

    /**
     * Builds the record from the employee's time line (any order). A change counts from its instant; a
     * stretch that held at no day's end (changed again the same day) is left out of the history.
     */
    public static Optional<EmployeeRecord> of(String employeeId, List<EmployeeLine> lines, OrgDay day) {
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<EmployeeLine> sorted = new ArrayList<>(lines);
        sorted.sort((a, b) -> a.validFrom().compareTo(b.validFrom()));
        ZoneId zone = day.zone();
        long at = day.instantMillis();

        List<Stretch> history = new ArrayList<>();
        EmployeeLine current = null;
        EmployeeLine hire = null;
        EmployeeLine leaveAfterHire = null;
        for (int i = 0; i < sorted.size(); i++) {
            EmployeeLine line = sorted.get(i);
            if (in(line, at)) {
                current = line;
                if (line.isHire()) {
                    hire = line;
                    leaveAfterHire = null;
                }
            } else if (hire != null && leaveAfterHire == null && line.isLeave()) {
                leaveAfterHire = line;
            }
            if (!line.isLeave()) {
                LocalDate from = OrgDay.dayOf(line.validFrom(), zone);
                LocalDate to = i + 1 < sorted.size()
                        ? OrgDay.dayOf(sorted.get(i + 1).validFrom(), zone).minusDays(1)
                        : null;
                if (to == null || !to.isBefore(from)) {
                    history.add(new Stretch(from, to, line.departmentId(), line.position(), line.managerId()));
                }
            }
        }
        if (current != null && current.isLeave() && leaveAfterHire == null) {
            leaveAfterHire = current;
        }
        Optional<Placement> placement = current == null || current.isLeave()
                ? Optional.empty()
                : Optional.of(
                        new Placement(employeeId, current.departmentId(), current.position(), current.managerId()));
        return Optional.of(new EmployeeRecord(
                employeeId,
                placement,
                hire == null ? null : hire.businessDate(),
                leaveAfterHire == null ? null : leaveAfterHire.businessDate(),
                List.copyOf(history)));
    }

    /** Whether a change has taken effect at {@code at}: a leave only just after its instant, as in the engine. */
    private static boolean in(EmployeeLine line, long at) {
        long from = line.validFrom().toEpochMilli();
        return from < at || from == at && !line.isLeave();
    }

    /** Why the employee is not employed on the record's day, for a 404 message. */
    public String notEmployedReason() {
        if (hiredOn != null && leftOn != null) {
            return "left on " + leftOn;
        }
        return history.isEmpty()
                ? "not in the directory"
                : "in the directory from " + history.get(0).from();
    }
}
