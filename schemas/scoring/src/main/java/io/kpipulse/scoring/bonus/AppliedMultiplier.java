package io.kpipulse.scoring.bonus;

import java.math.BigDecimal;

/**
 * A bonus component applied: the value it read (null when none), the exact multiplier and why.
 *
 * @param status APPLIED, or NO_DATA (no value: × 1)
 */
public record AppliedMultiplier(
        String name,
        String kind,
        String indicatorId,
        String subject,
        BigDecimal value,
        BigDecimal multiplier,
        String status,
        String why) {

    public static final String APPLIED = "APPLIED";
    public static final String NO_DATA = "NO_DATA";

    static AppliedMultiplier of(BonusComponent c, BigDecimal value, BigDecimal multiplier, String why) {
        return new AppliedMultiplier(
                c.name(), kind(c), c.indicatorId(), c.subject().describe(), value, multiplier, APPLIED, why);
    }

    /** The documented outcome of a component without a value: × 1. */
    public static AppliedMultiplier noData(BonusComponent c) {
        return new AppliedMultiplier(
                c.name(),
                kind(c),
                c.indicatorId(),
                c.subject().describe(),
                null,
                BigDecimal.ONE,
                NO_DATA,
                "no value of " + c.indicatorId() + " for " + c.subject().describe() + " → × 1");
    }

    static String kind(BonusComponent c) {
        if (c instanceof BonusComponent.Tiers) {
            return "TIERS";
        }
        return c instanceof BonusComponent.Condition ? "CONDITION" : "SHARE";
    }
}
