package io.kpipulse.api.auth;

import io.kpipulse.catalog.SubjectType;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Row-level scope, decided here and nowhere else: which subjects (employees, departments) a principal may
 * read on a day. The route's roles have already let the principal in; this decides the rows.
 *
 * <ul>
 *   <li>{@link Role#EXECUTIVE}, {@link Role#HR}, {@link Role#AUDITOR}: the whole tenant.
 *   <li>{@link Role#DEPARTMENT_HEAD}: the departments they head on that day and every department below
 *       them (as of that day), the employees who are members of those departments that day, and themselves.
 *   <li>{@link Role#EMPLOYEE}: themselves only. Not their department's aggregate: in a small team the total
 *       minus your own figure is a colleague's figure.
 *   <li>{@link Role#ADMINISTRATOR} and API keys without a whole-tenant role: nothing.
 * </ul>
 * Department subjects ({@code DEPARTMENT}, {@code SERVED_DEPARTMENT}) are matched on the department id. Roles
 * add up: a head who is also an employee sees the union.
 */
public final class Scope {

    private static final Set<Role> WHOLE_TENANT = Set.of(Role.EXECUTIVE, Role.HR, Role.AUDITOR);

    private final OrgScopeDirectory org;

    public Scope(OrgScopeDirectory org) {
        this.org = Objects.requireNonNull(org, "org");
    }

    /** Throws a 403 unless {@code principal} may read {@code subjectId} on {@code day}. */
    public void require(Principal principal, LocalDate day, SubjectType type, String subjectId) {
        if (!mayRead(principal, day, type, subjectId)) {
            throw new ForbiddenException("subjectId: " + type + " " + subjectId + " is outside your scope on " + day);
        }
    }

    /** Whether {@code principal} may read one subject; an employee is looked up by their department that day. */
    public boolean mayRead(Principal principal, LocalDate day, SubjectType type, String subjectId) {
        if (wholeTenant(principal)) {
            return true;
        }
        String self = principal.employeeId();
        if (type == SubjectType.EMPLOYEE && isPerson(principal) && subjectId.equals(self)) {
            return true;
        }
        Set<String> departments = departments(principal, day);
        if (departments.isEmpty()) {
            return false;
        }
        if (type == SubjectType.EMPLOYEE) {
            return org.departmentOf(principal.tenantId(), subjectId, day)
                    .filter(departments::contains)
                    .isPresent();
        }
        return departments.contains(subjectId);
    }

    /**
     * What {@code principal} may see among subjects of {@code type} on {@code day}, as a filter for lists.
     * Looks the org up once per call, not once per subject.
     */
    public Predicate<String> visibleSubjects(Principal principal, LocalDate day, SubjectType type) {
        return visibleIds(principal, day, type)
                .<Predicate<String>>map(ids -> ids::contains)
                .orElse(id -> true);
    }

    /**
     * The subjects of {@code type} {@code principal} may see on {@code day}: empty for the whole tenant, else
     * exactly these ids (for rankings computed in the store among the visible subjects only).
     */
    public Optional<Set<String>> visibleIds(Principal principal, LocalDate day, SubjectType type) {
        if (wholeTenant(principal)) {
            return Optional.empty();
        }
        Set<String> departments = departments(principal, day);
        if (type == SubjectType.EMPLOYEE) {
            Set<String> visible = new HashSet<>();
            if (isPerson(principal)) {
                visible.add(principal.employeeId());
            }
            if (!departments.isEmpty()) {
                visible.addAll(org.membersOf(principal.tenantId(), departments, day));
            }
            return Optional.of(Set.copyOf(visible));
        }
        return Optional.of(Set.copyOf(departments));
    }

    private static boolean wholeTenant(Principal principal) {
        return principal.roles().stream().anyMatch(WHOLE_TENANT::contains);
    }

    private static boolean isPerson(Principal principal) {
        return principal.employeeId() != null && (principal.has(Role.EMPLOYEE) || principal.has(Role.DEPARTMENT_HEAD));
    }

    /** The subtree a department head heads on {@code day}; empty for everyone else. */
    private Set<String> departments(Principal principal, LocalDate day) {
        if (!principal.has(Role.DEPARTMENT_HEAD) || principal.employeeId() == null) {
            return Set.of();
        }
        Set<String> headed = org.headedDepartments(principal.tenantId(), principal.employeeId(), day);
        return headed.isEmpty() ? Set.of() : org.subtreeOf(principal.tenantId(), headed, day);
    }
}
