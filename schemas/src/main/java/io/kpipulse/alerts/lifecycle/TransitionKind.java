package io.kpipulse.alerts.lifecycle;

/** A change of an alert's status: the history's rows and, for FIRING and RESOLVED, the notifications. */
public enum TransitionKind {
    /** The condition started to hold; the alert waits out the rule's pending duration. */
    PENDING,
    /** The condition held past the pending duration (or no data arrived for the rule's duration). */
    FIRING,
    /** A firing alert recovered past its resolve line for the keep-firing duration. */
    RESOLVED,
    /** A pending alert's condition stopped holding before it fired: nothing was notified. */
    CLEARED;

    public boolean notifies() {
        return this == FIRING || this == RESOLVED;
    }
}
