package io.kpipulse.scoring.rules;

import java.math.BigDecimal;

/** The points a rule gives a value (rounded, see {@link ScoringMath}) and why, in words. */
public record RuleResult(BigDecimal points, String why) {}
