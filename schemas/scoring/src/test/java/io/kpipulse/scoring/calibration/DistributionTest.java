package io.kpipulse.scoring.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class DistributionTest {

    static List<BigDecimal> scores(String... s) {
        return java.util.Arrays.stream(s).map(BigDecimal::new).toList();
    }

    @Test
    void meanStdDevPercentilesAndHistogramOfAKnownGroup() {
        // 60, 70, 80, 90, 100: mean 80, population variance 200, deviation 14.142… → 14.14.
        Distribution d = Distribution.of(
                scores("60", "70", "80", "90", "100"),
                List.of("NEEDS_IMPROVEMENT", "MEETS", "GOOD", "EXCELLENT", "EXCELLENT"),
                CalibrationPolicy.defaults());
        assertEquals(5, d.count());
        assertEquals("80.00", d.mean().toPlainString());
        assertEquals("14.14", d.stdDev().toPlainString());
        assertEquals("60", d.percentiles().get("p10").toPlainString());
        assertEquals("80", d.percentiles().get("p50").toPlainString());
        assertEquals("100", d.percentiles().get("p90").toPlainString());
        assertEquals(1, d.histogram().get(6).count(), "[60, 70)");
        assertEquals(1, d.histogram().get(10).count(), "[100, +∞)");
        // 2 of 5 excellent against at most 20% (1): one over the guideline.
        assertEquals(
                List.of("FORCED_DISTRIBUTION_GAP"),
                d.warnings().stream().map(Distribution.Warning::code).toList());
    }

    @Test
    void theSeedsInflatedDepartmentIsFlagged() {
        // Average 92 with everyone within a few points: "90 points for everyone".
        Distribution d = Distribution.of(
                scores("88", "90", "92", "94", "96"),
                Collections.nCopies(5, "EXCELLENT"),
                CalibrationPolicy.defaults());
        assertEquals("92.00", d.mean().toPlainString());
        assertEquals("2.83", d.stdDev().toPlainString());
        assertEquals(
                List.of("SPREAD_TOO_NARROW", "MEAN_TOO_HIGH", "FORCED_DISTRIBUTION_GAP"),
                d.warnings().stream().map(Distribution.Warning::code).toList());
    }

    @Test
    void anEmptyGroupHasNoStatisticsAndNoWarnings() {
        Distribution d = Distribution.of(List.of(), List.of(), CalibrationPolicy.defaults());
        assertEquals(0, d.count());
        assertEquals(null, d.mean());
        assertEquals(List.of(), d.warnings());
    }

    @Test
    void thresholdsAreConfigurable() {
        Distribution d = Distribution.of(
                scores("88", "90", "92", "94", "96"),
                Collections.nCopies(5, "EXCELLENT"),
                new CalibrationPolicy(new BigDecimal("2"), new BigDecimal("95"), "EXCELLENT", null));
        assertEquals(List.of(), d.warnings());
    }
}
