package io.kpipulse.api.auth;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/**
 * The org lookups row-level scope needs, as of a day (the org changes: a head moved on the 10th heads the
 * new department from the 10th on). Implemented on the org reader of the read model
 * ({@code io.kpipulse.read.org}); tests use an in-memory fake.
 */
public interface OrgScopeDirectory {

    /** Departments {@code employeeId} heads on {@code day}; empty when none. */
    Set<String> headedDepartments(String tenant, String employeeId, LocalDate day);

    /** {@code departmentIds} and every department below them on {@code day}. */
    Set<String> subtreeOf(String tenant, Set<String> departmentIds, LocalDate day);

    /** The department {@code employeeId} belongs to on {@code day}; empty when not employed that day. */
    Optional<String> departmentOf(String tenant, String employeeId, LocalDate day);

    /** Employees who are direct members of one of {@code departmentIds} on {@code day}. */
    Set<String> membersOf(String tenant, Set<String> departmentIds, LocalDate day);

    /**
     * Knows no org at all: every department head sees only their own figures. Fail closed, for a server
     * started without an org reader; never the answer where the org directory is available.
     */
    static OrgScopeDirectory unknown() {
        return new OrgScopeDirectory() {
            @Override
            public Set<String> headedDepartments(String tenant, String employeeId, LocalDate day) {
                return Set.of();
            }

            @Override
            public Set<String> subtreeOf(String tenant, Set<String> departmentIds, LocalDate day) {
                return Set.copyOf(departmentIds);
            }

            @Override
            public Optional<String> departmentOf(String tenant, String employeeId, LocalDate day) {
                return Optional.empty();
            }

            @Override
            public Set<String> membersOf(String tenant, Set<String> departmentIds, LocalDate day) {
                return Set.of();
            }
        };
    }
}
