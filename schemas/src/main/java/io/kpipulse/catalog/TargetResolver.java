package io.kpipulse.catalog;

import java.time.LocalDate;
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
        // A loop, not a stream with a comparator: this runs for every window value the engine writes.
        LocalDate day = window.start();
        TargetRule best = null;
        int bestSpecificity = 0;
        for (TargetRule r : rules) {
            if (!r.inEffectOn(day)
                    || r.windowType() != null && r.windowType() != window.type()
                    || r.subjectType() != null && r.subjectType() != subject) {
                continue;
            }
            int specificity = specificity(r, departmentPath);
            if (specificity < 0) {
                continue; // names a department outside the subject's path
            }
            if (best == null || beats(r, specificity, best, bestSpecificity)) {
                best = r;
                bestSpecificity = specificity;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Strictly better: more specific, else took effect later, else ends (an override) and ends sooner. */
    private static boolean beats(TargetRule r, int specificity, TargetRule best, int bestSpecificity) {
        if (specificity != bestSpecificity) {
            return specificity < bestSpecificity;
        }
        int from = r.effectiveFrom().compareTo(best.effectiveFrom());
        if (from != 0) {
            return from > 0;
        }
        if (r.effectiveTo() == null || best.effectiveTo() == null) {
            return r.effectiveTo() != null && best.effectiveTo() == null;
        }
        return r.effectiveTo().isBefore(best.effectiveTo());
    }

    /** Lower is more specific: distance up the tree to the named department, or the tree's depth for none. */
    private static int specificity(TargetRule rule, List<String> departmentPath) {
        return rule.departmentId() == null ? Integer.MAX_VALUE : departmentPath.indexOf(rule.departmentId());
    }
}
