package io.kpipulse.simulator.activity;

import io.kpipulse.simulator.SimRandom;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** CNY amounts: BigDecimal with exactly 2 decimals, as the contracts' decimal(18,2) require. */
final class Money {

    private Money() {}

    static BigDecimal of(double amount) {
        return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
    }

    static BigDecimal logNormal(SimRandom random, double median, double sigma) {
        return of(Math.max(1.0, random.logNormal(median, sigma)));
    }
}
