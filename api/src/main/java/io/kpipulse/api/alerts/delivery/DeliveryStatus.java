package io.kpipulse.api.alerts.delivery;

/** One line of the delivery log. */
public enum DeliveryStatus {
    DELIVERED,
    RETRYING,
    FAILED,
    /** Muted by a silence: kept in the history, not sent. */
    SILENCED
}
