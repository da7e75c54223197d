package io.kpipulse.scoring.bonus;

import java.math.BigDecimal;
import java.util.List;

/**
 * Performance pay = base pay × composite % × every multiplier, exact, rounded once to 0.01 CNY HALF_EVEN.
 *
 * @param basePay null when the org directory has no base pay for the employee (then pay is null too)
 * @param multiplier the exact product of the multipliers
 */
public record Pay(
        BigDecimal basePay,
        BigDecimal composite,
        List<AppliedMultiplier> multipliers,
        BigDecimal multiplier,
        BigDecimal performancePay,
        String why) {

    public Pay {
        multipliers = List.copyOf(multipliers);
    }
}
