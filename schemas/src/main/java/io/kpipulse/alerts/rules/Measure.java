package io.kpipulse.alerts.rules;

/** What a condition compares with its line. */
public enum Measure {
    /** The indicator value against a threshold, or against the value's own target. */
    VALUE,
    /** Attainment (value / target, direction-aware) in percent: 90 means 90%. */
    ATTAINMENT_PERCENT,
    /** Change of the value against the final value of the previous window instance, in percent. */
    CHANGE_PERCENT,
    /** No row for the subject for the condition's duration. */
    NO_DATA
}
