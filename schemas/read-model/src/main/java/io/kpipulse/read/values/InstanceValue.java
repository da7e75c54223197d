package io.kpipulse.read.values;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A subject's value of one window instance, beside its value of the previous instance (the instance
 * containing, or for rolling windows ending on, the day before this one starts: last month for a month to
 * date, the seven days before for a rolling week), or null when there is none.
 */
public record InstanceValue(IndicatorValue current, IndicatorValue previous) {

    public InstanceValue {
        Objects.requireNonNull(current, "current");
    }

    /** Current minus previous value; null unless both are defined. */
    public BigDecimal change() {
        if (previous == null || previous.value() == null || current.value() == null) {
            return null;
        }
        return current.value().subtract(previous.value());
    }
}
