package io.kpipulse.indicators;

import java.util.List;

/**
 * What item derivation needs to know about the organisation, as of a point in time: an org change
 * takes effect at its event time, so an item is attributed to the tree as it was when the work was done.
 */
public interface OrgView {

    /** The employee's department at {@code timeMillis}, or null if the employee was not employed then. */
    String departmentOf(String tenantId, String employeeId, long timeMillis);

    /** The department and its ancestors up to the root, nearest first, at {@code timeMillis}; empty if unknown. */
    List<String> pathOf(String tenantId, String departmentId, long timeMillis);
}
