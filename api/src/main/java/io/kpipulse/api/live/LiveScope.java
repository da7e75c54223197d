package io.kpipulse.api.live;

import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Role;
import io.kpipulse.read.changes.ValueChange;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Which changes a caller's stream carries. Executives, HR and auditors see the whole tenant. Everyone else
 * sees only their own employee rows: department heads too for now, because their subtree needs the org
 * directory as of the row's window, which this route does not read yet; failing closed keeps a head from
 * seeing another department's numbers.
 */
final class LiveScope {

    private static final Set<Role> WHOLE_TENANT = Set.of(Role.EXECUTIVE, Role.HR, Role.AUDITOR);

    private LiveScope() {}

    /** {@code principal} is null only while routes are open (no access manager installed). */
    static Predicate<ValueChange> of(Principal principal) {
        if (principal == null || principal.roles().stream().anyMatch(WHOLE_TENANT::contains)) {
            return change -> true;
        }
        String self = principal.employeeId();
        if (self == null) {
            return change -> false;
        }
        return change -> "EMPLOYEE".equals(change.subjectType()) && self.equals(change.subjectId());
    }
}
