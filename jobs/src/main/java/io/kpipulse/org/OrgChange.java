package io.kpipulse.org;

import java.io.Serializable;

/**
 * One change to a tenant's org directory, taking effect at {@code fromMillis} (the org event's time).
 *
 * @param kind  what changes
 * @param id    the employee or department changed
 * @param value the employee's new department (null: left), or the department's new parent (null: root)
 */
public record OrgChange(String tenantId, Kind kind, String id, long fromMillis, String value) implements Serializable {

    public enum Kind {
        EMPLOYEE_DEPARTMENT,
        DEPARTMENT_PARENT
    }

    /** The broadcast-state key of the time line this change belongs to. */
    public String stateKey() {
        return stateKey(tenantId, kind, id);
    }

    public static String stateKey(String tenantId, Kind kind, String id) {
        return tenantId + (kind == Kind.EMPLOYEE_DEPARTMENT ? "|e|" : "|d|") + id;
    }
}
