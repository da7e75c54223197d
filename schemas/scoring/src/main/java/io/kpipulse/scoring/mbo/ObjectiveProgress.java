package io.kpipulse.scoring.mbo;

import java.math.BigDecimal;
import java.util.List;

/**
 * An objective set scored: per objective the attainment that counts (capped) and its points, and the total
 * out of 100.
 */
public record ObjectiveProgress(
        String subjectId, String period, BigDecimal cap, BigDecimal points, List<Line> objectives) {

    /** Where an objective's attainment comes from. */
    public enum Source {
        INDICATOR,
        MANAGER,
        NOT_ENTERED,
        NO_VALUE
    }

    /**
     * @param value      the key result's indicator value (null unless INDICATOR)
     * @param attainment the attainment that counts, in percent, capped (0 for NOT_ENTERED and NO_VALUE)
     */
    public record Line(
            Objective objective,
            Source source,
            BigDecimal value,
            BigDecimal attainment,
            BigDecimal points,
            String why) {}
}
