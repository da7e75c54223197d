package io.kpipulse.scoring.store;

/** What an assignment names: one employee, a position, or a department's subtree. Most specific wins. */
public enum AssignmentTarget {
    EMPLOYEE,
    POSITION,
    DEPARTMENT
}
