package io.kpipulse.api.scoring;

import io.kpipulse.scoring.mbo.ObjectiveProgress;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** The shapes of the MBO and 360° routes' answers (decimals become strings, see {@link ScoringJson}). */
final class ReviewViews {

    private ReviewViews() {}

    /** A subject's objective set in force, with live progress; points out of 100 (up to the cap). */
    record ObjectivesView(
            String tenant,
            String subjectType,
            String subjectId,
            String period,
            LocalDate asOf,
            long version,
            String savedBy,
            Instant savedAt,
            BigDecimal cap,
            BigDecimal points,
            java.util.List<ObjectiveLine> objectives) {}

    /**
     * @param indicator  the key result's indicator (null when the manager enters the attainment)
     * @param target     the key result's target (null likewise)
     * @param entered    the attainment the manager entered, in percent (null when linked or not entered)
     * @param value      the indicator's value in the period (null unless source INDICATOR)
     * @param attainment the attainment that counts, percent, capped
     */
    record ObjectiveLine(
            String objectiveId,
            String title,
            BigDecimal weight,
            String parentObjectiveId,
            String indicator,
            BigDecimal target,
            BigDecimal entered,
            String source,
            BigDecimal value,
            BigDecimal attainment,
            BigDecimal points,
            String why) {

        static ObjectiveLine of(ObjectiveProgress.Line line) {
            var o = line.objective();
            return new ObjectiveLine(
                    o.objectiveId(),
                    o.title(),
                    o.weight(),
                    o.parentObjectiveId(),
                    o.keyResult() == null ? null : o.keyResult().indicatorId(),
                    o.keyResult() == null ? null : o.keyResult().target(),
                    o.attainment(),
                    line.source().name(),
                    line.value(),
                    line.attainment(),
                    line.points(),
                    line.why());
        }
    }

    /** What a rater is told after answering: that it was saved, and as whom; nothing about other raters. */
    record ReviewReceipt(String tenant, String revieweeId, String period, String relationship) {}
}
