package io.kpipulse.simulator;

import java.time.LocalDate;

/**
 * Peak seasons of an insurance company: the Q1 "开门红" sales push (January to March) and the summer flood
 * season for P&C claims (June to September). Multipliers scale the base activity rates.
 */
public final class Seasonality {

    public static final double Q1_SALES_MULTIPLIER = 1.6;
    public static final double FLOOD_CLAIMS_MULTIPLIER = 1.8;

    private Seasonality() {}

    public static double sales(LocalDate day) {
        return day.getMonthValue() <= 3 ? Q1_SALES_MULTIPLIER : 1.0;
    }

    public static double claims(LocalDate day) {
        int m = day.getMonthValue();
        return m >= 6 && m <= 9 ? FLOOD_CLAIMS_MULTIPLIER : 1.0;
    }
}
