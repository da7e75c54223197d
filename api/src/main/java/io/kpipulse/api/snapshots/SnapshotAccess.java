package io.kpipulse.api.snapshots;

import io.kpipulse.api.auth.ForbiddenException;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see which lines of a snapshot, decided through {@link Scope} as of the period's last day: HR,
 * executives and auditors every line; a department head the departments they head and everything below, with
 * their members; an employee only their own line, and only once that version was published.
 */
final class SnapshotAccess {

    private final Scope scope;

    SnapshotAccess(Scope scope) {
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    List<SnapshotLine> visible(
            Principal principal, PeriodState state, StoredSnapshot snapshot, List<SnapshotLine> lines) {
        requirePublishedForEmployees(principal, state, snapshot);
        Optional<Set<String>> employees =
                scope.visibleIds(principal, snapshot.period().end(), SubjectType.EMPLOYEE);
        if (employees.isEmpty()) {
            return lines;
        }
        Set<String> departments = scope.visibleIds(principal, snapshot.period().end(), SubjectType.DEPARTMENT)
                .orElse(Set.of());
        return lines.stream()
                .filter(l -> (l.subjectType() == SubjectType.EMPLOYEE ? employees.get() : departments)
                        .contains(l.subjectId()))
                .toList();
    }

    /** A 403 unless the principal may see this one line (raising a dispute, reading one line). */
    void require(Principal principal, PeriodState state, StoredSnapshot snapshot, SubjectType type, String subjectId) {
        requirePublishedForEmployees(principal, state, snapshot);
        scope.require(principal, snapshot.period().end(), type, subjectId);
    }

    private static void requirePublishedForEmployees(Principal principal, PeriodState state, StoredSnapshot snapshot) {
        boolean onlyOwnFigures = principal.roles().stream()
                .noneMatch(r -> r == Role.HR || r == Role.EXECUTIVE || r == Role.AUDITOR || r == Role.DEPARTMENT_HEAD);
        if (onlyOwnFigures && !published(state, snapshot)) {
            throw new ForbiddenException("snapshot " + snapshot.snapshotId() + " is not published to employees yet");
        }
    }

    static boolean published(PeriodState state, StoredSnapshot snapshot) {
        return state.transitions().stream()
                .anyMatch(t -> t.snapshotId().equals(snapshot.snapshotId()) && t.kind() == Transition.Kind.PUBLISHED);
    }

    /** Whether scope lets the principal see this subject as of the period's last day (listing disputes). */
    boolean scopeAllows(Principal principal, io.kpipulse.periods.Period period, SubjectType type, String subjectId) {
        return scope.mayRead(principal, period.end(), type, subjectId);
    }
}
