package io.kpipulse.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Scope over a small hand-built org: d-root ─ d-sales ─ d-team1, d-team2; d-root ─ d-claims. The head h-1
 * heads d-sales until 2026-03-10 and d-claims from then on; e-1 is in d-team1, e-2 in d-team2, c-1 in
 * d-claims.
 */
class ScopeTest {

    static final LocalDate MOVE = LocalDate.of(2026, 3, 10);
    static final LocalDate BEFORE = MOVE.minusDays(1);
    static final LocalDate START = LocalDate.of(2020, 1, 1);

    final InMemoryOrg org = new InMemoryOrg("t-acme")
            .parent("d-sales", "d-root", START, null)
            .parent("d-claims", "d-root", START, null)
            .parent("d-team1", "d-sales", START, null)
            .parent("d-team2", "d-sales", START, null)
            .head("h-1", "d-sales", START, MOVE)
            .head("h-1", "d-claims", MOVE, null)
            .member("h-1", "d-sales", START, MOVE)
            .member("h-1", "d-claims", MOVE, null)
            .member("e-1", "d-team1", START, null)
            .member("e-2", "d-team2", START, null)
            .member("c-1", "d-claims", START, null);
    final Scope scope = new Scope(org);

    static Principal person(String employeeId, Role... roles) {
        return new Principal("t-acme", "t-acme/" + employeeId, Set.of(roles), employeeId);
    }

    @Test
    void executiveHrAndAuditorSeeTheWholeTenant() {
        for (Role role : List.of(Role.EXECUTIVE, Role.HR, Role.AUDITOR)) {
            Principal p = new Principal("t-acme", "x", Set.of(role), null);
            assertTrue(scope.mayRead(p, BEFORE, SubjectType.EMPLOYEE, "c-1"), role.name());
            assertTrue(scope.mayRead(p, BEFORE, SubjectType.DEPARTMENT, "d-root"), role.name());
            assertTrue(scope.visibleSubjects(p, BEFORE, SubjectType.EMPLOYEE).test("anyone"), role.name());
        }
    }

    @Test
    void employeeSeesOnlyThemselvesNotTheirDepartment() {
        Principal e1 = person("e-1", Role.EMPLOYEE);
        assertTrue(scope.mayRead(e1, BEFORE, SubjectType.EMPLOYEE, "e-1"));
        assertFalse(scope.mayRead(e1, BEFORE, SubjectType.EMPLOYEE, "e-2"));
        assertFalse(scope.mayRead(e1, BEFORE, SubjectType.DEPARTMENT, "d-team1"));
        Predicate<String> visible = scope.visibleSubjects(e1, BEFORE, SubjectType.EMPLOYEE);
        assertEquals(
                List.of("e-1"),
                List.of("e-1", "e-2", "c-1").stream().filter(visible).toList());
    }

    @Test
    void headSeesTheSubtreeTheyHeadAndItsMembers() {
        Principal head = person("h-1", Role.DEPARTMENT_HEAD);
        for (String d : List.of("d-sales", "d-team1", "d-team2")) {
            assertTrue(scope.mayRead(head, BEFORE, SubjectType.DEPARTMENT, d), d);
        }
        assertFalse(scope.mayRead(head, BEFORE, SubjectType.DEPARTMENT, "d-root"));
        assertFalse(scope.mayRead(head, BEFORE, SubjectType.DEPARTMENT, "d-claims"));
        assertTrue(scope.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "e-1"));
        assertTrue(scope.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "h-1"), "themselves");
        assertFalse(scope.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "c-1"));
        Predicate<String> visible = scope.visibleSubjects(head, BEFORE, SubjectType.EMPLOYEE);
        assertEquals(
                List.of("h-1", "e-1", "e-2"),
                List.of("h-1", "e-1", "e-2", "c-1").stream().filter(visible).toList());
    }

    @Test
    void headMovedToAnotherDepartmentLosesTheOldSubtreeFromTheDayOfTheMove() {
        Principal head = person("h-1", Role.DEPARTMENT_HEAD);
        assertTrue(scope.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "e-1"));
        assertFalse(scope.mayRead(head, MOVE, SubjectType.EMPLOYEE, "e-1"));
        assertFalse(scope.mayRead(head, MOVE, SubjectType.DEPARTMENT, "d-team1"));
        assertTrue(scope.mayRead(head, MOVE, SubjectType.EMPLOYEE, "c-1"));
        assertTrue(scope.mayRead(head, MOVE, SubjectType.DEPARTMENT, "d-claims"));
        assertFalse(scope.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "c-1"), "not before the move either");
        ForbiddenException e =
                assertThrows(ForbiddenException.class, () -> scope.require(head, MOVE, SubjectType.EMPLOYEE, "e-1"));
        assertEquals(403, e.status());
        assertTrue(e.getMessage().contains("2026-03-10"), e.getMessage());
    }

    @Test
    void administratorAndReaderKeysWithoutWholeTenantRoleSeeNobody() {
        Principal admin = new Principal("t-acme", "admin", Set.of(Role.ADMINISTRATOR), "h-1");
        assertFalse(scope.mayRead(admin, BEFORE, SubjectType.EMPLOYEE, "h-1"));
        assertFalse(scope.visibleSubjects(admin, BEFORE, SubjectType.DEPARTMENT).test("d-sales"));
    }

    @Test
    void headOfAnotherTenantsDepartmentSeesNothingHere() {
        Principal stranger = new Principal("t-other", "t-other/h-1", Set.of(Role.DEPARTMENT_HEAD), "h-1");
        assertFalse(scope.mayRead(stranger, BEFORE, SubjectType.EMPLOYEE, "e-1"));
    }

    @Test
    void withoutAnOrgDirectoryAHeadSeesOnlyThemselves() {
        Scope blind = new Scope(OrgScopeDirectory.unknown());
        Principal head = person("h-1", Role.DEPARTMENT_HEAD);
        assertTrue(blind.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "h-1"));
        assertFalse(blind.mayRead(head, BEFORE, SubjectType.EMPLOYEE, "e-1"));
        assertFalse(blind.mayRead(head, BEFORE, SubjectType.DEPARTMENT, "d-sales"));
    }
}
