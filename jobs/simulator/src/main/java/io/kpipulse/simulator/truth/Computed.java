package io.kpipulse.simulator.truth;

import java.math.BigDecimal;

/** A computed value (rounded to the indicator's scale; null = no value) and its unrounded parts. */
record Computed(BigDecimal value, BigDecimal numerator, BigDecimal denominator, int itemCount) {}
