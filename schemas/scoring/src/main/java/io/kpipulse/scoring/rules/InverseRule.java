package io.kpipulse.scoring.rules;

import static io.kpipulse.scoring.rules.ScoringMath.plain;

import java.math.BigDecimal;

/**
 * Inverse (lower is better, the usual 反向指标 formula): weight × target / value, capped at {@code cap} × weight;
 * below {@code floor} × weight nothing. A value of 0 or less is as good as it gets: the cap.
 */
public record InverseRule(BigDecimal target, BigDecimal cap, BigDecimal floor) implements ScoringRule {

    public InverseRule {
        cap = cap == null ? BigDecimal.ONE : cap;
        floor = floor == null ? BigDecimal.ZERO : floor;
    }

    @Override
    public String type() {
        return "INVERSE";
    }

    @Override
    public void validate(String field, BigDecimal weight) {
        ScoringRule.requirePresent(field + ".target", target);
        if (target.signum() <= 0) {
            throw new DefinitionException(field + ".target", "must be above 0 (target / value)");
        }
        if (cap.compareTo(BigDecimal.ONE) < 0) {
            throw new DefinitionException(field + ".cap", "must be at least 1 (the full weight at target)");
        }
        if (floor.signum() < 0 || floor.compareTo(BigDecimal.ONE) >= 0) {
            throw new DefinitionException(field + ".floor", "must be at least 0 and below 1");
        }
    }

    @Override
    public RuleResult score(BigDecimal value, BigDecimal weight) {
        String line = "target " + plain(target) + " / value " + plain(value);
        if (value.signum() <= 0) {
            BigDecimal points = ScoringMath.points(weight.multiply(cap));
            return new RuleResult(
                    points, "value " + plain(value) + " (nothing to improve): the cap → " + points + " points");
        }
        BigDecimal share = ScoringMath.divide(target, value);
        if (share.compareTo(floor) < 0) {
            return new RuleResult(
                    ScoringMath.points(BigDecimal.ZERO),
                    line + ": below the floor of " + LinearRule.percent(floor) + " → 0 points");
        }
        BigDecimal capped = share.min(cap);
        BigDecimal points = ScoringMath.points(weight.multiply(capped));
        String capNote = share.compareTo(cap) > 0 ? " (capped)" : "";
        return new RuleResult(
                points,
                line + " = " + LinearRule.percent(capped) + capNote + " of " + plain(weight) + " → " + points
                        + " points");
    }
}
