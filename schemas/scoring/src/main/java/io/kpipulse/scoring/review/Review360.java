package io.kpipulse.scoring.review;

import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The minimum-raters rule, applied on the server before anything is answered: a relationship (manager,
 * peer, report) with fewer distinct raters than the minimum is suppressed whole, so a small group's answers
 * cannot be told apart. SELF is one person by nature and not anonymous: it is shown (to those who may read
 * the review) and never counts in the score. Means are exact sums over counts, rounded once to 2 decimals
 * HALF_UP like points.
 */
public final class Review360 {

    /** The default: fewer than 3 raters of a relationship show nothing of it. */
    public static final int DEFAULT_MINIMUM_RATERS = 3;

    private Review360() {}

    /** @param answers the newest answer of each rater (one per rater) */
    public static ReviewSummary summarize(String revieweeId, String period, List<ReviewAnswer> answers, int minimum) {
        if (minimum < 1) {
            throw new IllegalArgumentException("the minimum of raters is at least 1");
        }
        Map<RaterRelationship, List<ReviewAnswer>> byRelationship = new EnumMap<>(RaterRelationship.class);
        for (ReviewAnswer a : answers) {
            byRelationship
                    .computeIfAbsent(a.relationship(), k -> new ArrayList<>())
                    .add(a);
        }
        List<ReviewSummary.RelationshipSummary> shown = new ArrayList<>();
        BigDecimal scoreSum = BigDecimal.ZERO;
        long scoreCount = 0;
        for (Map.Entry<RaterRelationship, List<ReviewAnswer>> e : byRelationship.entrySet()) {
            Set<String> raters = new HashSet<>();
            e.getValue().forEach(a -> raters.add(a.raterId()));
            boolean self = e.getKey() == RaterRelationship.SELF;
            if (!self && raters.size() < minimum) {
                shown.add(new ReviewSummary.RelationshipSummary(
                        e.getKey(), ReviewSummary.NOT_ENOUGH_RATERS, null, List.of()));
                continue;
            }
            Map<String, BigDecimal[]> sums = new TreeMap<>();
            for (ReviewAnswer a : e.getValue()) {
                a.competencyScores().forEach((competency, score) -> {
                    BigDecimal[] s =
                            sums.computeIfAbsent(competency, k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO});
                    s[0] = s[0].add(score);
                    s[1] = s[1].add(BigDecimal.ONE);
                });
                if (!self) {
                    for (BigDecimal score : a.competencyScores().values()) {
                        scoreSum = scoreSum.add(score);
                        scoreCount++;
                    }
                }
            }
            List<ReviewSummary.CompetencyMean> means = new ArrayList<>();
            sums.forEach((competency, s) -> means.add(new ReviewSummary.CompetencyMean(competency, mean(s[0], s[1]))));
            shown.add(new ReviewSummary.RelationshipSummary(e.getKey(), ReviewSummary.SHOWN, raters.size(), means));
        }
        BigDecimal score = scoreCount == 0 ? null : mean(scoreSum, BigDecimal.valueOf(scoreCount));
        return new ReviewSummary(
                revieweeId,
                period,
                minimum,
                score == null ? ReviewSummary.NOT_ENOUGH_RATERS : ReviewSummary.SHOWN,
                score,
                shown);
    }

    private static BigDecimal mean(BigDecimal sum, BigDecimal count) {
        return ScoringMath.points(ScoringMath.divide(sum, count));
    }
}
