package io.kpipulse.alerts.rules;

/** How urgent a firing alert is; channels and the dashboard order by it. */
public enum Severity {
    INFO,
    WARNING,
    CRITICAL
}
