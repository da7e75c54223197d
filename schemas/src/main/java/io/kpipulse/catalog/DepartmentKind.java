package io.kpipulse.catalog;

/** Which kind of department an indicator is designed for: front-line business or support. */
public enum DepartmentKind {
    FRONT_LINE,
    SUPPORT,
    ANY
}
