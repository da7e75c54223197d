package io.kpipulse.read.values;

import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.TargetResolver;
import io.kpipulse.catalog.TargetRule;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Where a value stands against the warn and critical attainment levels of its target rule: below the
 * critical level is {@link #CRITICAL}, below the warn level {@link #WARN}, otherwise {@link #OK}. Attainment
 * already follows the indicator's direction (target / value when lower is better), so one comparison serves
 * both directions.
 */
public enum ValueStatus {
    OK,
    WARN,
    CRITICAL;

    /**
     * The status of {@code value}, or empty when it cannot be told: no attainment (no target or no value),
     * a rule without levels, or a rule whose target is not the one the engine stored — the levels must
     * belong to the target the attainment was computed from.
     *
     * @param departmentPath the subject's department and its ancestors, nearest first (see
     *     {@link TargetResolver}); for an employee, the employee's department first
     */
    public static Optional<ValueStatus> of(
            IndicatorDefinition indicator, IndicatorValue value, List<String> departmentPath) {
        if (value.attainment() == null || value.target() == null) {
            return Optional.empty();
        }
        Optional<TargetRule> rule =
                TargetResolver.resolve(indicator.targets(), value.window(), value.subjectType(), departmentPath);
        if (rule.isEmpty() || rule.get().target().compareTo(value.target()) != 0) {
            return Optional.empty();
        }
        return of(value.attainment(), rule.get().warnAttainment(), rule.get().criticalAttainment());
    }

    static Optional<ValueStatus> of(BigDecimal attainment, BigDecimal warn, BigDecimal critical) {
        if (warn == null && critical == null) {
            return Optional.empty();
        }
        if (critical != null && attainment.compareTo(critical) < 0) {
            return Optional.of(CRITICAL);
        }
        if (warn != null && attainment.compareTo(warn) < 0) {
            return Optional.of(WARN);
        }
        return Optional.of(OK);
    }
}
