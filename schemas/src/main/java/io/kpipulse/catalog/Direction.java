package io.kpipulse.catalog;

/** Whether a larger value is better (premium) or worse (claim cycle time); attainment follows it. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER
}
