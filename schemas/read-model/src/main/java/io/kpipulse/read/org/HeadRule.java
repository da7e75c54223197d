package io.kpipulse.read.org;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who heads a department on a day. No event names a head; the source systems name each employee's direct
 * manager, and a department's head is the one member who reports outside it:
 * <ol>
 *   <li>candidates are the department's direct members whose manager is not a direct member of it that day
 *       (or who have no manager);</li>
 *   <li>one candidate: the head;</li>
 *   <li>several: the candidate with strictly the most direct reports among the members;</li>
 *   <li>otherwise (no member, everyone reporting in a circle, or a tie, e.g. the head left and the team
 *       still reports to them) the department has no head that day. Heads scope access to a subtree, so
 *       nobody is made head by a guess.</li>
 * </ol>
 * The simulated company and the usual HR systems build departments this way: the head reports to the head
 * of the parent department, everyone else to the head.
 */
public final class HeadRule {

    private HeadRule() {}

    public static Optional<String> headOf(Collection<Placement> members) {
        Set<String> ids = new HashSet<>();
        Map<String, Integer> reports = new HashMap<>();
        for (Placement p : members) {
            ids.add(p.employeeId());
        }
        for (Placement p : members) {
            if (p.managerId() != null && ids.contains(p.managerId())) {
                reports.merge(p.managerId(), 1, Integer::sum);
            }
        }
        List<Placement> candidates = new ArrayList<>();
        for (Placement p : members) {
            if (p.managerId() == null || !ids.contains(p.managerId())) {
                candidates.add(p);
            }
        }
        if (candidates.size() == 1) {
            return Optional.of(candidates.get(0).employeeId());
        }
        String best = null;
        int most = 0;
        boolean tied = false;
        for (Placement c : candidates) {
            int n = reports.getOrDefault(c.employeeId(), 0);
            if (n > most) {
                best = c.employeeId();
                most = n;
                tied = false;
            } else if (n == most) {
                tied = true;
            }
        }
        return best == null || tied ? Optional.empty() : Optional.of(best);
    }
}
