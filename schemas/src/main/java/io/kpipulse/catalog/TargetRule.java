package io.kpipulse.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

/**
 * An effective-dated target and weight. A window instance takes the rule in effect on its first day,
 * so a peak-season target that starts on a date never rewrites windows that began before it.
 *
 * <p>{@code windowType}, {@code subjectType} and {@code departmentId} narrow where the rule applies;
 * null means any. A department rule applies to the department's subtree and its employees; the most
 * specific matching rule wins (see {@link TargetResolver}).
 *
 * @param warnAttainment     attainment below which the value is in warning (e.g. 0.9), or null
 * @param criticalAttainment attainment below which it is critical (e.g. 0.7), or null
 */
public record TargetRule(
        LocalDate effectiveFrom,
        LocalDate effectiveTo,
        WindowType windowType,
        SubjectType subjectType,
        String departmentId,
        BigDecimal target,
        BigDecimal weight,
        BigDecimal warnAttainment,
        BigDecimal criticalAttainment) {

    public TargetRule {
        Objects.requireNonNull(effectiveFrom, "effectiveFrom");
        Objects.requireNonNull(target, "target");
        weight = weight == null ? BigDecimal.ONE : weight;
        if (effectiveTo != null && effectiveTo.isBefore(effectiveFrom)) {
            throw new IllegalArgumentException("target effective to " + effectiveTo + " before " + effectiveFrom);
        }
        if (weight.signum() < 0) {
            throw new IllegalArgumentException("negative weight " + weight);
        }
    }

    public boolean inEffectOn(LocalDate day) {
        return !day.isBefore(effectiveFrom) && (effectiveTo == null || !day.isAfter(effectiveTo));
    }
}
