package io.kpipulse.indicators;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * One side of a correlated item (a claim's approval, waiting for its payment), keyed by tenant,
 * indicator and correlation key so both sides meet in the same keyed state. It carries who and which
 * departments the event names, not resolved org paths: the item is attributed with the org tree at the
 * item's own time, which is only known once the sides meet.
 *
 * @param timeMillis   the selector's time (where the side counts, e.g. a task's due time)
 * @param eventTime    the event's own time: the side has surely arrived once the watermark passes it
 * @param employeeId   the employee the side names, or null
 * @param departmentId the department field's value, or null (then the employee's department)
 * @param servedDepartmentId the served-department field's value, or null (then the department)
 * @param intervalKey  for interval bounds regrouped by department: the key of the interval they bound
 *                     (the incident); null otherwise
 */
public record Partial(
        String tenantId,
        String indicatorId,
        String correlationKey,
        Role role,
        long timeMillis,
        long eventTime,
        String eventId,
        String employeeId,
        String departmentId,
        String servedDepartmentId,
        BigDecimal amount,
        String intervalKey)
        implements Serializable {

    public Partial(
            String tenantId,
            String indicatorId,
            String correlationKey,
            Role role,
            long timeMillis,
            long eventTime,
            String eventId,
            String employeeId,
            String departmentId,
            String servedDepartmentId,
            BigDecimal amount) {
        this(
                tenantId,
                indicatorId,
                correlationKey,
                role,
                timeMillis,
                eventTime,
                eventId,
                employeeId,
                departmentId,
                servedDepartmentId,
                amount,
                null);
    }

    public String joinKey() {
        return tenantId + '|' + indicatorId + '|' + correlationKey;
    }

    /** This side as a bound ({@code role}) of the interval it belongs to, regrouped under {@code department}. */
    public Partial asBound(Role role, String department) {
        return new Partial(
                tenantId,
                indicatorId,
                department,
                role,
                timeMillis,
                eventTime,
                eventId,
                employeeId,
                departmentId,
                servedDepartmentId,
                amount,
                correlationKey);
    }
}
