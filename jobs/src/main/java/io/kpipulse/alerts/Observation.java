package io.kpipulse.alerts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What the state machine needs of one indicator row (so it is tested without the engine). */
public record Observation(
        LocalDate windowStart, LocalDate windowEnd, BigDecimal value, BigDecimal target, BigDecimal attainment) {}
