package io.kpipulse.indicators;

/** The part an event plays in an indicator whose items need two or more events joined by a key. */
public enum Role {
    DURATION_START,
    DURATION_END,
    FOLLOW_ANCHOR,
    FOLLOW_EVENT,
    RETENTION_ANCHOR,
    RETENTION_EXIT
}
