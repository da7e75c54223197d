package io.kpipulse.catalog;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Picks the target rule for one window instance of one subject.
 *
 * <p>Among the rules in effect on the window's first day that match its window type and subject type,
 * a rule naming the subject's own department beats one naming an ancestor, which beats one naming no
 * department; then the rule that took effect last wins; then a rule with an end date (a peak-season
 * override) beats an open-ended one, the one ending first winning.
 */
public final class TargetResolver {

    private TargetResolver() {}

    /**
     * @param departmentPath the subject's department and its ancestors, nearest first (for an employee,
     *                       the employee's department first); empty if unknown
     */
    public static Optional<TargetRule> resolve(
            List<TargetRule> rules, WindowBounds window, SubjectType subject, List<String> departmentPath) {
        LocalDate day = window.start();
        return rules.stream()
                .filter(r -> r.inEffectOn(day))
                .filter(r -> r.windowType() == null || r.windowType() == window.type())
                .filter(r -> r.subjectType() == null || r.subjectType() == subject)
                .filter(r -> r.departmentId() == null || departmentPath.contains(r.departmentId()))
                .min(Comparator.<TargetRule>comparingInt(r -> specificity(r, departmentPath))
                        .thenComparing(TargetRule::effectiveFrom, Comparator.reverseOrder())
                        .thenComparing(TargetRule::effectiveTo, Comparator.nullsLast(Comparator.naturalOrder())));
    }

    /** Lower is more specific: distance up the tree to the named department, or the tree's depth for none. */
    private static int specificity(TargetRule rule, List<String> departmentPath) {
        return rule.departmentId() == null ? Integer.MAX_VALUE : departmentPath.indexOf(rule.departmentId());
    }
}
