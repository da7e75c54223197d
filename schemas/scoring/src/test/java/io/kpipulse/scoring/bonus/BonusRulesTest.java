package io.kpipulse.scoring.bonus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.catalog.Direction;
import io.kpipulse.scoring.rules.Band;
import io.kpipulse.scoring.rules.Bands;
import io.kpipulse.scoring.rules.DefinitionException;
import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BonusRulesTest {

    static BigDecimal d(String s) {
        return new BigDecimal(s);
    }

    /** Claim payment time (days): ≤ 1 → 120%, (1, 2] → 100%, > 2 → 80%. */
    static final BonusComponent.Tiers PAYMENT_TIME = new BonusComponent.Tiers(
            "payment time",
            "claim_payment_days",
            SubjectRef.self(),
            new Bands(List.of(
                    new Band(null, false, d("1"), true, d("1.20")),
                    new Band(d("1"), false, d("2"), true, d("1.00")),
                    new Band(d("2"), false, null, false, d("0.80")))));

    /** Claims misses its ≤ 2 days cycle-time target → finance × 0.90. */
    static final BonusComponent.Condition CLAIMS_TARGET = new BonusComponent.Condition(
            "claims on target",
            "claim_cycle_time_avg",
            SubjectRef.department("d-claims"),
            BonusComponent.Comparison.LE,
            d("2"),
            null,
            d("0.90"));

    /** 30% of HR's bonus on sales new-hire attainment (target 100,000 CNY). */
    static final BonusComponent.Share SALES_SHARE = new BonusComponent.Share(
            "sales new hires",
            "new_hire_sales_3m",
            SubjectRef.department("d-sales"),
            d("0.30"),
            d("100000"),
            null,
            null);

    static BigDecimal multiplier(BonusComponent c, String value) {
        return c.apply(d(value)).multiplier();
    }

    @Test
    void paymentTimeTiersHaveExplicitBoundsAtOneAndTwoDays() {
        PAYMENT_TIME.validate("components[0]");
        assertEquals("1.20", multiplier(PAYMENT_TIME, "1").toPlainString(), "exactly 1 day → 120%");
        assertEquals("1.00", multiplier(PAYMENT_TIME, "1.000001").toPlainString());
        assertEquals("1.00", multiplier(PAYMENT_TIME, "2").toPlainString(), "exactly 2 days → 100%");
        assertEquals("0.80", multiplier(PAYMENT_TIME, "2.000001").toPlainString());
        assertEquals("1.20", multiplier(PAYMENT_TIME, "0").toPlainString());
    }

    @Test
    void claimsMissingItsTargetCutsFinanceByTenPercent() {
        CLAIMS_TARGET.validate("components[1]");
        assertEquals("1", multiplier(CLAIMS_TARGET, "2").toPlainString(), "exactly on the 2-day target: met");
        assertEquals("0.90", multiplier(CLAIMS_TARGET, "2.01").toPlainString());
    }

    @Test
    void aShareFollowsTheOtherDepartmentsAttainmentUpToItsCap() {
        SALES_SHARE.validate("components[2]");
        assertEquals(0, d("0.94").compareTo(multiplier(SALES_SHARE, "80000")), "0.70 + 0.30 × 0.80");
        assertEquals(0, BigDecimal.ONE.compareTo(multiplier(SALES_SHARE, "100000")));
        assertEquals(0, BigDecimal.ONE.compareTo(multiplier(SALES_SHARE, "250000")), "capped at 100% attainment");
        assertEquals(0, d("0.70").compareTo(multiplier(SALES_SHARE, "0")), "no sales: only the untied 70%");
        var faster = new BonusComponent.Share(
                "cycle",
                "claim_cycle_time_avg",
                SubjectRef.department("d-claims"),
                d("0.2"),
                d("2"),
                Direction.LOWER_IS_BETTER,
                d("1.1"));
        assertEquals(0, d("1.02").compareTo(multiplier(faster, "1")), "2/1 capped at 1.1: 0.8 + 0.2 × 1.1");
    }

    @Test
    void payIsBaseTimesScoreTimesEveryMultiplierRoundedOnceAtTheEnd() {
        BonusPlan plan = new BonusPlan("d-finance", List.of(SALES_SHARE, CLAIMS_TARGET, PAYMENT_TIME));
        plan.validate();
        assertEquals(
                List.of(PAYMENT_TIME, CLAIMS_TARGET, SALES_SHARE),
                plan.inApplicationOrder(),
                "tiers, conditions, shares");
        Map<BonusComponent, BigDecimal> values = new IdentityHashMap<>();
        values.put(PAYMENT_TIME, d("0.8"));
        values.put(CLAIMS_TARGET, d("2.5"));
        values.put(SALES_SHARE, d("80000"));
        Pay pay = PayCalculator.pay(d("10000.00"), d("93.00"), plan, values);
        // 10,000 × 0.93 × 1.20 × 0.90 × 0.94 = 9,441.36 exactly; computed independently of the order.
        assertEquals("9441.36", pay.performancePay().toPlainString());
        assertEquals(0, d("1.01520").compareTo(pay.multiplier()));
        assertEquals(
                List.of("TIERS", "CONDITION", "SHARE"),
                pay.multipliers().stream().map(AppliedMultiplier::kind).toList());
    }

    @Test
    void moneyRoundsHalfEvenOnce() {
        // 1,000.05 × 50% = 500.025 → 500.02 (half to even), not 500.03.
        assertEquals(
                "500.02",
                PayCalculator.pay(d("1000.05"), d("50"), null, Map.of())
                        .performancePay()
                        .toPlainString());
        assertEquals(
                "500.04",
                PayCalculator.pay(d("1000.07"), d("50"), null, Map.of())
                        .performancePay()
                        .toPlainString(),
                "500.035 → 500.04");
    }

    @Test
    void aComponentWithoutAValueAppliesTimesOneAndSaysSo() {
        BonusPlan plan = new BonusPlan("d-finance", List.of(CLAIMS_TARGET));
        Pay pay = PayCalculator.pay(d("1000"), d("100"), plan, Map.of());
        assertEquals("1000.00", pay.performancePay().toPlainString());
        assertEquals(AppliedMultiplier.NO_DATA, pay.multipliers().get(0).status());
    }

    @Test
    void noBasePayMeansNoPayRatherThanZero() {
        assertEquals(null, PayCalculator.pay(null, d("90"), null, Map.of()).performancePay());
    }

    @Test
    void invalidComponentsNameTheirField() {
        var overlapping = new BonusComponent.Tiers(
                "t",
                "x",
                SubjectRef.self(),
                new Bands(List.of(
                        new Band(null, false, d("1"), true, d("1.2")), new Band(d("1"), true, null, false, d("1")))));
        var e = assertThrows(DefinitionException.class, () -> new BonusPlan("d", List.of(overlapping)).validate());
        assertEquals("components[0].tiers[1].lower", e.field());
        var noDepartment = new BonusComponent.Condition(
                "c",
                "x",
                new SubjectRef(SubjectRef.Kind.DEPARTMENT, null),
                BonusComponent.Comparison.LE,
                d("1"),
                null,
                d("0.9"));
        e = assertThrows(DefinitionException.class, () -> new BonusPlan("d", List.of(noDepartment)).validate());
        assertEquals("components[0].departmentId", e.field());
        var bigShare = new BonusComponent.Share("s", "x", SubjectRef.self(), d("1.5"), d("1"), null, null);
        e = assertThrows(DefinitionException.class, () -> new BonusPlan("d", List.of(bigShare)).validate());
        assertEquals("components[0].share", e.field());
    }
}
