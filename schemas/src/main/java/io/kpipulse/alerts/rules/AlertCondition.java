package io.kpipulse.alerts.rules;

import java.io.Serializable;
import java.math.BigDecimal;

/**
 * When a value is a problem.
 *
 * @param measure            what is compared
 * @param comparison         which side of the line is the problem (unused for {@link Measure#NO_DATA})
 * @param threshold          the line; null when {@code againstTarget}
 * @param againstTarget      the line is the row's own target (only with {@link Measure#VALUE})
 * @param resolveThreshold   the line to cross back before the alert resolves (hysteresis); null means the
 *                           firing line itself
 * @param consecutiveWindows the condition must hold in this many consecutive window instances (≥ 1): the
 *                           previous instances by their final value, the current one by its newest value
 * @param noDataMillis       for {@link Measure#NO_DATA}: how long without a row is a problem
 */
public record AlertCondition(
        Measure measure,
        Comparison comparison,
        BigDecimal threshold,
        boolean againstTarget,
        BigDecimal resolveThreshold,
        int consecutiveWindows,
        long noDataMillis)
        implements Serializable {

    public static AlertCondition above(String threshold) {
        return new AlertCondition(Measure.VALUE, Comparison.ABOVE, new BigDecimal(threshold), false, null, 1, 0);
    }

    public static AlertCondition below(String threshold) {
        return new AlertCondition(Measure.VALUE, Comparison.BELOW, new BigDecimal(threshold), false, null, 1, 0);
    }

    public static AlertCondition againstTarget(Comparison comparison) {
        return new AlertCondition(Measure.VALUE, comparison, null, true, null, 1, 0);
    }

    public static AlertCondition noData(long millis) {
        return new AlertCondition(Measure.NO_DATA, null, null, false, null, 1, millis);
    }

    public AlertCondition resolvingAt(String resolve) {
        return new AlertCondition(
                measure,
                comparison,
                threshold,
                againstTarget,
                new BigDecimal(resolve),
                consecutiveWindows,
                noDataMillis);
    }

    public AlertCondition forWindows(int n) {
        return new AlertCondition(measure, comparison, threshold, againstTarget, resolveThreshold, n, noDataMillis);
    }

    public AlertCondition measuring(Measure m) {
        return new AlertCondition(
                m, comparison, threshold, againstTarget, resolveThreshold, consecutiveWindows, noDataMillis);
    }

    /** The firing line for a row with {@code target}; null when the row has no target to compare with. */
    public BigDecimal line(BigDecimal target) {
        return againstTarget ? target : threshold;
    }

    /** The resolve line for a row with {@code target}. */
    public BigDecimal resolveLine(BigDecimal target) {
        return resolveThreshold != null ? resolveThreshold : line(target);
    }
}
