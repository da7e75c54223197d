package io.kpipulse.scoring.card;

import io.kpipulse.catalog.Perspective;
import io.kpipulse.scoring.rules.ScoringRule;
import java.math.BigDecimal;

/**
 * One weighted item of a scorecard: an indicator of the employee, the Balanced-Scorecard perspective it
 * reports under, its weight in points (of the scorecard's 100) and the rule that scores it.
 */
public record ScorecardItem(String indicatorId, Perspective perspective, BigDecimal weight, ScoringRule rule) {}
