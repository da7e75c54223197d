package io.kpipulse.scoring.calibration;

import java.math.BigDecimal;

/**
 * When a department's scores look inflated: a standard deviation below {@code minStdDev} points (everyone
 * about the same), a mean above {@code maxMean} (the seed's "average 92, deviation 5"), and optionally a
 * forced-distribution guideline: at most {@code maxTopShare} of people rated {@code topRating}.
 *
 * @param maxTopShare null for no forced-distribution guideline
 */
public record CalibrationPolicy(BigDecimal minStdDev, BigDecimal maxMean, String topRating, BigDecimal maxTopShare) {

    public static CalibrationPolicy defaults() {
        return new CalibrationPolicy(
                BigDecimal.valueOf(8), BigDecimal.valueOf(85), "EXCELLENT", new BigDecimal("0.20"));
    }
}
