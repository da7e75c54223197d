package io.kpipulse.scoring.rules;

import java.math.BigDecimal;

/** Bands (tiers): the points of the one band the value falls in; the bands cover every value exactly once. */
public record BandsRule(Bands bands) implements ScoringRule {

    @Override
    public String type() {
        return "BANDS";
    }

    @Override
    public BigDecimal target() {
        return null;
    }

    @Override
    public void validate(String field, BigDecimal weight) {
        ScoringRule.requirePresent(field + ".bands", bands);
        bands.validate(field + ".bands");
        for (int i = 0; i < bands.bands().size(); i++) {
            BigDecimal points = bands.bands().get(i).result();
            if (points.signum() < 0 || points.compareTo(weight) > 0) {
                throw new DefinitionException(
                        field + ".bands[" + i + "].points", "must be between 0 and the item's weight " + weight);
            }
        }
    }

    @Override
    public RuleResult score(BigDecimal value, BigDecimal weight) {
        Band band = bands.find(value).orElseThrow(() -> new IllegalStateException("bands were not validated"));
        BigDecimal points = ScoringMath.points(band.result());
        return new RuleResult(
                points, ScoringMath.plain(value) + " is in " + band.describe() + " → " + points + " points");
    }
}
