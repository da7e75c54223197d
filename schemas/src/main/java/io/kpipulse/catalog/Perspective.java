package io.kpipulse.catalog;

/** The Balanced Scorecard perspective an indicator reports under. */
public enum Perspective {
    FINANCIAL,
    CUSTOMER,
    INTERNAL_PROCESS,
    LEARNING_AND_GROWTH
}
