package io.kpipulse.scoring.rules;

import java.math.BigDecimal;

/**
 * How an item's indicator value becomes points, as data. Every rule scores a defined value; an item without
 * a value (nothing counted in the window, or a ratio over a zero denominator) never reaches a rule: it
 * scores 0 points with status NO_DATA (see {@code ScoreCalculator}), never NaN, never an error.
 *
 * <p>Lower-is-better indicators: {@link LinearRule} with {@code zeroAt} above {@code target}, {@link InverseRule}
 * (target / value), {@link PassFailRule} and {@link PerUnitRule} with {@code LOWER_IS_BETTER}, or bands.
 */
public sealed interface ScoringRule permits LinearRule, InverseRule, BandsRule, PassFailRule, PerUnitRule {

    /** The rule's name in definitions: LINEAR, INVERSE, BANDS, PASS_FAIL, PER_UNIT. */
    String type();

    /** The value the rule calls its target, shown beside the item (null for bands). */
    BigDecimal target();

    /** Points for {@code value} on an item of {@code weight} points. */
    RuleResult score(BigDecimal value, BigDecimal weight);

    /** Throws a {@link DefinitionException} naming {@code field}'s sub-field when the rule cannot score. */
    void validate(String field, BigDecimal weight);

    static void requirePresent(String field, Object value) {
        if (value == null) {
            throw new DefinitionException(field, "is required");
        }
    }
}
