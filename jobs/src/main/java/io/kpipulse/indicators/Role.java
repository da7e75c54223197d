package io.kpipulse.indicators;

/** The part an event plays in an indicator whose items need two or more events joined by a key. */
public enum Role {
    DURATION_START,
    DURATION_END,
    FOLLOW_ANCHOR,
    FOLLOW_EVENT,
    RETENTION_ANCHOR,
    RETENTION_EXIT,
    /** An interval's opening event, once per department it affects, keyed by the interval's key. */
    INTERVAL_OPEN,
    /** An interval's closing event, keyed by the interval's key. */
    INTERVAL_CLOSE,
    /** A decided interval start, regrouped by the affected department ({@link Partial#intervalKey()} set). */
    INTERVAL_START,
    /** A decided interval end, regrouped by the affected department. */
    INTERVAL_END,
    /** A measured event, keyed by its department, waiting to learn whether an interval covers it. */
    INTERVAL_MEASURE,
    /**
     * An announced start or end taken back (same interval key and event id), because a side that arrived
     * behind the watermark changed the key's intervals.
     */
    INTERVAL_WITHDRAWN;

    /** Opening and closing events: decided per interval key before the join by department. */
    public boolean boundsAnInterval() {
        return this == INTERVAL_OPEN || this == INTERVAL_CLOSE;
    }

    /** What the join by department reads: decided bounds and measured events. */
    public boolean joinsByDepartment() {
        return this == INTERVAL_START || this == INTERVAL_END || this == INTERVAL_MEASURE || this == INTERVAL_WITHDRAWN;
    }

    /** What {@link CorrelationJoiner} pairs. */
    public boolean pairsByKey() {
        return !boundsAnInterval() && !joinsByDepartment();
    }
}
