package io.kpipulse.scoring.rules;

import static io.kpipulse.scoring.rules.ScoringMath.plain;

import java.math.BigDecimal;

/**
 * Linear to target: the item's full weight at {@code target}, nothing at {@code zeroAt}, on a straight line
 * between (and beyond: over-delivery up to {@code cap} × weight). Below {@code floor} × weight the item
 * scores nothing. {@code zeroAt} above {@code target} makes it lower-is-better: an error rate with target 0
 * and zeroAt 1 gives 90% of the weight at 10% errors.
 *
 * @param cap   the most a value earns, as a share of the weight (1 = no over-delivery, 1.2 = up to 120%)
 * @param floor the least share that still earns points (0 = any; 0.6 = below 60% of the line, nothing)
 */
public record LinearRule(BigDecimal target, BigDecimal zeroAt, BigDecimal cap, BigDecimal floor)
        implements ScoringRule {

    public LinearRule {
        zeroAt = zeroAt == null ? BigDecimal.ZERO : zeroAt;
        cap = cap == null ? BigDecimal.ONE : cap;
        floor = floor == null ? BigDecimal.ZERO : floor;
    }

    @Override
    public String type() {
        return "LINEAR";
    }

    @Override
    public void validate(String field, BigDecimal weight) {
        ScoringRule.requirePresent(field + ".target", target);
        if (target.compareTo(zeroAt) == 0) {
            throw new DefinitionException(field + ".zeroAt", "must differ from the target (the line has no slope)");
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
        BigDecimal share = ScoringMath.divide(value.subtract(zeroAt), target.subtract(zeroAt));
        String line = plain(value) + " against target " + plain(target) + " (0 points at " + plain(zeroAt) + ")";
        if (share.compareTo(floor) < 0) {
            return new RuleResult(
                    ScoringMath.points(BigDecimal.ZERO),
                    line + ": below the floor of " + percent(floor) + " → 0 points");
        }
        BigDecimal capped = ScoringMath.clamp(share, BigDecimal.ZERO, cap);
        BigDecimal points = ScoringMath.points(weight.multiply(capped));
        String capNote = share.compareTo(cap) > 0 ? " (capped at " + percent(cap) + ")" : "";
        return new RuleResult(
                points, line + ": " + percent(capped) + capNote + " of " + plain(weight) + " → " + points + " points");
    }

    static String percent(BigDecimal share) {
        return plain(share.multiply(ScoringMath.HUNDRED).setScale(2, java.math.RoundingMode.HALF_UP)) + "%";
    }
}
