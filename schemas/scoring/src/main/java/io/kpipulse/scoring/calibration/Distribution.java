package io.kpipulse.scoring.calibration;

import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The distribution of a group's composites: count, mean, population standard deviation (both to 2
 * decimals HALF_UP), nearest-rank percentiles (p10, p25, p50, p75, p90: a score someone actually has),
 * a histogram of 10-point bins [0, 10) … [90, 100) and [100, +∞), ratings counted, and calibration warnings.
 * An empty group has count 0, null statistics and no warnings.
 */
public record Distribution(
        int count,
        BigDecimal mean,
        BigDecimal stdDev,
        Map<String, BigDecimal> percentiles,
        List<Bin> histogram,
        Map<String, Integer> ratings,
        List<Warning> warnings) {

    /** Scores at least {@code from} and below {@code to} (null: no upper bound). */
    public record Bin(int from, Integer to, int count) {}

    /** SPREAD_TOO_NARROW, MEAN_TOO_HIGH or FORCED_DISTRIBUTION_GAP, with the figures. */
    public record Warning(String code, String message) {}

    private static final int[] PERCENTILES = {10, 25, 50, 75, 90};

    public static Distribution of(List<BigDecimal> scores, List<String> ratingsOfScores, CalibrationPolicy policy) {
        int n = scores.size();
        List<Bin> bins = new ArrayList<>();
        int[] counts = new int[11];
        for (BigDecimal s : scores) {
            int bin = s.signum() < 0
                    ? 0
                    : Math.min(
                            10, s.divide(BigDecimal.TEN, 0, RoundingMode.DOWN).intValue());
            counts[bin]++;
        }
        for (int i = 0; i < 11; i++) {
            bins.add(new Bin(i * 10, i == 10 ? null : i * 10 + 10, counts[i]));
        }
        Map<String, Integer> ratings = new LinkedHashMap<>();
        ratingsOfScores.forEach(r -> ratings.merge(r, 1, Integer::sum));
        if (n == 0) {
            return new Distribution(0, null, null, Map.of(), bins, ratings, List.of());
        }
        BigDecimal sum = scores.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal exactMean = ScoringMath.divide(sum, BigDecimal.valueOf(n));
        BigDecimal squares = BigDecimal.ZERO;
        for (BigDecimal s : scores) {
            BigDecimal d = s.subtract(exactMean);
            squares = squares.add(d.multiply(d));
        }
        BigDecimal variance = ScoringMath.divide(squares, BigDecimal.valueOf(n));
        BigDecimal mean = ScoringMath.points(exactMean);
        BigDecimal stdDev = ScoringMath.points(variance.sqrt(new MathContext(20, RoundingMode.HALF_EVEN)));
        List<BigDecimal> sorted = scores.stream().sorted().toList();
        Map<String, BigDecimal> percentiles = new LinkedHashMap<>();
        for (int p : PERCENTILES) {
            int rank = (int) Math.ceil(p / 100.0 * n);
            percentiles.put("p" + p, sorted.get(Math.max(1, rank) - 1));
        }
        List<Warning> warnings = new ArrayList<>();
        if (n >= 2 && policy.minStdDev() != null && stdDev.compareTo(policy.minStdDev()) < 0) {
            warnings.add(new Warning(
                    "SPREAD_TOO_NARROW",
                    "standard deviation " + stdDev + " is below " + ScoringMath.plain(policy.minStdDev())));
        }
        if (policy.maxMean() != null && mean.compareTo(policy.maxMean()) > 0) {
            warnings.add(
                    new Warning("MEAN_TOO_HIGH", "mean " + mean + " is above " + ScoringMath.plain(policy.maxMean())));
        }
        if (policy.maxTopShare() != null && policy.topRating() != null) {
            int top = ratings.getOrDefault(policy.topRating(), 0);
            int allowed = policy.maxTopShare()
                    .multiply(BigDecimal.valueOf(n))
                    .setScale(0, RoundingMode.DOWN)
                    .intValue();
            if (top > allowed) {
                warnings.add(new Warning(
                        "FORCED_DISTRIBUTION_GAP",
                        top + " of " + n + " rated " + policy.topRating() + ", the guideline allows " + allowed
                                + " (" + ScoringMath.plain(policy.maxTopShare().multiply(ScoringMath.HUNDRED))
                                + "%): " + (top - allowed) + " over"));
            }
        }
        return new Distribution(n, mean, stdDev, percentiles, bins, ratings, warnings);
    }
}
