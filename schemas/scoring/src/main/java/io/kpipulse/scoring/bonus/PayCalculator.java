package io.kpipulse.scoring.bonus;

import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Pay from base pay, composite and a bonus plan's components: pure arithmetic. */
public final class PayCalculator {

    private PayCalculator() {}

    /**
     * @param plan null when no plan covers the employee (multiplier 1)
     * @param values by component (identity), the value each component reads; absent or null is "no value"
     */
    public static Pay pay(
            BigDecimal basePay, BigDecimal composite, BonusPlan plan, Map<BonusComponent, BigDecimal> values) {
        List<AppliedMultiplier> applied = new ArrayList<>();
        BigDecimal product = BigDecimal.ONE;
        if (plan != null) {
            for (BonusComponent c : plan.inApplicationOrder()) {
                BigDecimal v = values.get(c);
                AppliedMultiplier a = v == null ? AppliedMultiplier.noData(c) : c.apply(v);
                applied.add(a);
                product = product.multiply(a.multiplier());
            }
        }
        if (basePay == null) {
            return new Pay(null, composite, applied, product, null, "no base pay in the org directory for the period");
        }
        BigDecimal exact = basePay.multiply(composite).multiply(product).divide(ScoringMath.HUNDRED);
        BigDecimal pay = ScoringMath.money(exact);
        return new Pay(
                basePay,
                composite,
                applied,
                product,
                pay,
                ScoringMath.plain(basePay) + " × " + ScoringMath.plain(composite) + "% × " + ScoringMath.plain(product)
                        + " = " + ScoringMath.plain(exact) + " → " + pay + " CNY");
    }
}
