package io.kpipulse.scoring.review;

import java.math.BigDecimal;
import java.util.List;

/**
 * What leaves the server of a reviewee's 360° answers: per relationship either the number of raters and the
 * mean per competency, or only NOT_ENOUGH_RATERS; never an answer, never a rater.
 *
 * @param score  the mean of every competency score of the shown relationships other than SELF (2 decimals,
 *               HALF_UP), null with status NOT_ENOUGH_RATERS when none of them is shown
 */
public record ReviewSummary(
        String revieweeId,
        String period,
        int minimumRaters,
        String status,
        BigDecimal score,
        List<RelationshipSummary> relationships) {

    public static final String SHOWN = "SHOWN";
    public static final String NOT_ENOUGH_RATERS = "NOT_ENOUGH_RATERS";

    /**
     * @param raters      how many raters answered; null when suppressed
     * @param competencies means per competency; empty when suppressed
     */
    public record RelationshipSummary(
            RaterRelationship relationship, String status, Integer raters, List<CompetencyMean> competencies) {}

    public record CompetencyMean(String competency, BigDecimal mean) {}
}
