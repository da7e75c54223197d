package io.kpipulse.snapshots;

import io.kpipulse.read.values.InstanceFigure;
import java.math.BigDecimal;

/**
 * One indicator value of a snapshot line as the engine stored it for the period's window: the value, its
 * unrounded parts, the target and attainment the engine used, and how many events it counts. Any of the
 * decimals may be null (a 0 / 0 rate, no target).
 */
public record FrozenValue(
        BigDecimal value,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal target,
        BigDecimal attainment,
        long eventCount) {

    public static FrozenValue of(InstanceFigure v) {
        return new FrozenValue(v.value(), v.numerator(), v.denominator(), v.target(), v.attainment(), v.eventCount());
    }

    /** The same figure, whatever the decimals' scale (ClickHouse gives six places, a computation may give fewer). */
    public boolean sameAs(FrozenValue other) {
        return CanonicalForm.value(this).equals(CanonicalForm.value(other));
    }
}
