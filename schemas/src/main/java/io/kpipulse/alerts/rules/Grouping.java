package io.kpipulse.alerts.rules;

/** What one alert (one notification) stands for. */
public enum Grouping {
    /** One alert per subject (employee or department). */
    SUBJECT,
    /**
     * One alert per department: every employee of the department (or the department row itself) is a
     * member; the alert fires with its first firing member and resolves with its last.
     */
    DEPARTMENT
}
