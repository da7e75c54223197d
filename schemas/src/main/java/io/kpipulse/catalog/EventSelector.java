package io.kpipulse.catalog;

import java.util.Objects;

/**
 * Which events feed an aggregation, and how each one is placed: the time it counts at, the employee
 * and department it is attributed to, the business department it serves (linked indicators), and the
 * correlation key that joins it to its partner event. Field paths are dotted, e.g.
 * {@code header.employeeId}. An employee field of {@value #NONE} means the event is attributed to a
 * department only (a survey rates a department, not a person).
 */
public record EventSelector(
        String eventType,
        Filter where,
        String keyField,
        String timeField,
        String employeeField,
        String departmentField,
        String servedDepartmentField) {

    public static final String HEADER_TIME = "header.eventTime";
    public static final String HEADER_EMPLOYEE = "header.employeeId";
    public static final String HEADER_DEPARTMENT = "header.departmentId";
    public static final String NONE = "none";

    public EventSelector {
        Objects.requireNonNull(eventType, "eventType");
        if (!eventType.matches("[a-z_]+\\.[A-Z][A-Za-z0-9]+")) {
            throw new IllegalArgumentException("event type must look like system.EventName, got: " + eventType);
        }
        where = where == null ? Filter.ALL : where;
        timeField = timeField == null ? HEADER_TIME : timeField;
        employeeField = employeeField == null ? HEADER_EMPLOYEE : employeeField;
        departmentField = departmentField == null ? HEADER_DEPARTMENT : departmentField;
        servedDepartmentField = servedDepartmentField == null ? departmentField : servedDepartmentField;
    }

    public static EventSelector of(String eventType) {
        return new EventSelector(eventType, Filter.ALL, null, null, null, null, null);
    }

    public boolean attributesEmployee() {
        return !NONE.equals(employeeField);
    }
}
