package io.kpipulse.scoring.review;

import io.kpipulse.scoring.rules.DefinitionException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One rater's answers about one reviewee for a period: a score of 1 to 5 per competency. The rater id stays
 * in the server (storage and the minimum-raters count); no answer, summary, audit entry or log line carries
 * it out.
 */
public record ReviewAnswer(
        String revieweeId,
        String period,
        String raterId,
        RaterRelationship relationship,
        Map<String, BigDecimal> competencyScores) {

    static final BigDecimal LOWEST = BigDecimal.ONE;
    static final BigDecimal HIGHEST = BigDecimal.valueOf(5);
    static final int MAX_COMPETENCIES = 50;

    public ReviewAnswer {
        Objects.requireNonNull(revieweeId, "revieweeId");
        Objects.requireNonNull(period, "period");
        Objects.requireNonNull(raterId, "raterId");
        Objects.requireNonNull(relationship, "relationship");
        competencyScores = Map.copyOf(competencyScores);
    }

    /** Refuses empty answers, too many competencies, bad competency keys and scores outside 1..5. */
    public static ReviewAnswer validated(
            String revieweeId,
            String period,
            String raterId,
            RaterRelationship relationship,
            Map<String, BigDecimal> competencyScores) {
        if (competencyScores.isEmpty()) {
            throw new DefinitionException("answers", "must score at least one competency");
        }
        if (competencyScores.size() > MAX_COMPETENCIES) {
            throw new DefinitionException("answers", "at most " + MAX_COMPETENCIES + " competencies");
        }
        for (Map.Entry<String, BigDecimal> e : new TreeMap<>(competencyScores).entrySet()) {
            if (!e.getKey().matches("[a-z][a-z0-9_]{0,63}")) {
                throw new DefinitionException(
                        "answers." + e.getKey(), "a competency key is lower-case letters, digits and '_'");
            }
            BigDecimal score = e.getValue();
            if (score == null || score.compareTo(LOWEST) < 0 || score.compareTo(HIGHEST) > 0 || score.scale() > 2) {
                throw new DefinitionException(
                        "answers." + e.getKey(), "must be a score from 1 to 5 (2 decimals at most)");
            }
        }
        return new ReviewAnswer(revieweeId, period, raterId, relationship, competencyScores);
    }
}
