package io.kpipulse.alerts.lifecycle;

/** Where an alert stands. Resolved is the transition back to normal, not a state of its own. */
public enum AlertStatus {
    NORMAL,
    PENDING,
    FIRING
}
