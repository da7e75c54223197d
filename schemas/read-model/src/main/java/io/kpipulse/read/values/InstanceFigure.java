package io.kpipulse.read.values;

import java.math.BigDecimal;

/**
 * The figures of one stored value that a period close keeps (the newest version, as {@link IndicatorValue} has
 * them), without the window, times and versions: what {@link IndicatorValueReader#forEachInstanceFigure} reads.
 */
public record InstanceFigure(
        String indicatorId,
        String subjectId,
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal target,
        BigDecimal attainment,
        long eventCount) {

    public static InstanceFigure of(IndicatorValue v) {
        return new InstanceFigure(
                v.indicatorId(),
                v.subjectId(),
                v.value(),
                v.numerator(),
                v.denominator(),
                v.target(),
                v.attainment(),
                v.eventCount());
    }
}
