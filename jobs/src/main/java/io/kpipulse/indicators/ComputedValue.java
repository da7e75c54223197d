package io.kpipulse.indicators;

import java.math.BigDecimal;

/** An indicator's value over one window instance, with the parts that explain it (null where not meaningful). */
public record ComputedValue(BigDecimal value, BigDecimal numerator, BigDecimal denominator) {}
