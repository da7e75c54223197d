package io.kpipulse.scoring.rules;

import static io.kpipulse.scoring.rules.ScoringMath.plain;

import io.kpipulse.catalog.Direction;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Points per unit beyond target: {@code basePoints} at target, plus {@code pointsPerUnit} for every full
 * {@code unit} better than target (and minus as much for every full unit worse), between {@code minPoints}
 * and {@code maxPoints}. Only full units count ("each percentage point above target adds a point": 6.67
 * points above is 6).
 */
public record PerUnitRule(
        BigDecimal target,
        BigDecimal unit,
        BigDecimal pointsPerUnit,
        BigDecimal basePoints,
        Direction direction,
        BigDecimal minPoints,
        BigDecimal maxPoints)
        implements ScoringRule {

    public PerUnitRule {
        direction = direction == null ? Direction.HIGHER_IS_BETTER : direction;
        minPoints = minPoints == null ? BigDecimal.ZERO : minPoints;
    }

    @Override
    public String type() {
        return "PER_UNIT";
    }

    @Override
    public void validate(String field, BigDecimal weight) {
        ScoringRule.requirePresent(field + ".target", target);
        ScoringRule.requirePresent(field + ".unit", unit);
        ScoringRule.requirePresent(field + ".pointsPerUnit", pointsPerUnit);
        ScoringRule.requirePresent(field + ".basePoints", basePoints);
        ScoringRule.requirePresent(field + ".maxPoints", maxPoints);
        if (unit.signum() <= 0) {
            throw new DefinitionException(field + ".unit", "must be above 0");
        }
        if (minPoints.signum() < 0) {
            throw new DefinitionException(field + ".minPoints", "must be at least 0");
        }
        if (basePoints.compareTo(minPoints) < 0 || basePoints.compareTo(maxPoints) > 0) {
            throw new DefinitionException(field + ".basePoints", "must be between minPoints and maxPoints");
        }
    }

    @Override
    public RuleResult score(BigDecimal value, BigDecimal weight) {
        BigDecimal better = direction == Direction.HIGHER_IS_BETTER ? value.subtract(target) : target.subtract(value);
        BigDecimal units = ScoringMath.divide(better, unit).setScale(0, RoundingMode.DOWN);
        BigDecimal raw = basePoints.add(units.multiply(pointsPerUnit));
        BigDecimal points = ScoringMath.points(ScoringMath.clamp(raw, minPoints, maxPoints));
        String bound = raw.compareTo(maxPoints) > 0
                ? " (capped at " + plain(maxPoints) + ")"
                : raw.compareTo(minPoints) < 0 ? " (floored at " + plain(minPoints) + ")" : "";
        return new RuleResult(
                points,
                plain(value) + " against target " + plain(target) + ": " + units.toPlainString() + " full units of "
                        + plain(unit) + " × " + plain(pointsPerUnit) + " + " + plain(basePoints) + bound + " → "
                        + points + " points");
    }
}
