package io.kpipulse.scoring.rules;

import io.kpipulse.catalog.Direction;
import java.math.BigDecimal;

/**
 * Pass / fail at a threshold, the threshold itself passing: value ≥ threshold (higher is better) or
 * value ≤ threshold (lower is better) earns {@code passPoints} (default: the weight), anything else
 * {@code failPoints} (default 0).
 */
public record PassFailRule(BigDecimal threshold, Direction direction, BigDecimal passPoints, BigDecimal failPoints)
        implements ScoringRule {

    public PassFailRule {
        direction = direction == null ? Direction.HIGHER_IS_BETTER : direction;
        failPoints = failPoints == null ? BigDecimal.ZERO : failPoints;
    }

    @Override
    public String type() {
        return "PASS_FAIL";
    }

    @Override
    public BigDecimal target() {
        return threshold;
    }

    @Override
    public void validate(String field, BigDecimal weight) {
        ScoringRule.requirePresent(field + ".threshold", threshold);
        BigDecimal pass = passPoints == null ? weight : passPoints;
        if (pass.signum() < 0 || pass.compareTo(weight) > 0) {
            throw new DefinitionException(field + ".passPoints", "must be between 0 and the item's weight " + weight);
        }
        if (failPoints.signum() < 0 || failPoints.compareTo(pass) > 0) {
            throw new DefinitionException(field + ".failPoints", "must be between 0 and passPoints " + pass);
        }
    }

    @Override
    public RuleResult score(BigDecimal value, BigDecimal weight) {
        int c = value.compareTo(threshold);
        boolean pass = direction == Direction.HIGHER_IS_BETTER ? c >= 0 : c <= 0;
        BigDecimal points = ScoringMath.points(pass ? (passPoints == null ? weight : passPoints) : failPoints);
        String op = direction == Direction.HIGHER_IS_BETTER ? (pass ? "≥" : "<") : (pass ? "≤" : ">");
        return new RuleResult(
                points,
                ScoringMath.plain(value) + " " + op + " threshold " + ScoringMath.plain(threshold) + ": "
                        + (pass ? "pass" : "fail") + " → " + points + " points");
    }
}
