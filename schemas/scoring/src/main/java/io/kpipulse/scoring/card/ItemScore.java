package io.kpipulse.scoring.card;

import io.kpipulse.catalog.Perspective;
import java.math.BigDecimal;

/**
 * One scored item: the value read (null when there was none), the rule's target, its type, the points
 * and why.
 *
 * @param status SCORED, or NO_DATA (nothing counted in the window, or a ratio over a zero denominator:
 *     0 points, documented outcome)
 */
public record ItemScore(
        String indicatorId,
        Perspective perspective,
        BigDecimal weight,
        BigDecimal value,
        BigDecimal target,
        String rule,
        BigDecimal points,
        String status,
        String why) {

    public static final String SCORED = "SCORED";
    public static final String NO_DATA = "NO_DATA";
}
