package io.kpipulse.simulator.faults;

/**
 * What was done to a produced record. The engine's expected outcome per kind:
 * <ul>
 *   <li>{@link #NONE}, {@link #OUT_OF_ORDER}: accepted (out-of-order stays within the bound B);</li>
 *   <li>{@link #DUPLICATE}: the same bytes again; dropped as a duplicate (the original is accepted);</li>
 *   <li>{@link #LATE}: behind the watermark by more than the allowed lateness L; kept in late events only;</li>
 *   <li>{@link #MALFORMED}, {@link #UNKNOWN_EMPLOYEE}, {@link #UNKNOWN_TENANT}, {@link #IMPOSSIBLE_VALUE}:
 *       dead-lettered with that reason.</li>
 * </ul>
 */
public enum FaultKind {
    NONE,
    DUPLICATE,
    OUT_OF_ORDER,
    LATE,
    MALFORMED,
    UNKNOWN_EMPLOYEE,
    UNKNOWN_TENANT,
    IMPOSSIBLE_VALUE;

    public boolean deadLettered() {
        return this == MALFORMED || this == UNKNOWN_EMPLOYEE || this == UNKNOWN_TENANT || this == IMPOSSIBLE_VALUE;
    }

    /** Whether the event behind the record is part of the ground truth. */
    public boolean accepted() {
        return this == NONE || this == OUT_OF_ORDER;
    }
}
