package io.kpipulse.org;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.org.DepartmentRenamed;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import io.kpipulse.events.org.SupportLinkAssigned;
import io.kpipulse.testing.TestEvents;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one parser of org events: the whole fact for the projection, the attribution part for the engine. */
class OrgChangesTest {

    private static final String T = "t-test";
    private final TestEvents events = new TestEvents(T);

    @Test
    void aHireCarriesPositionManagerNameAndPayAndMovesTheEmployeeIntoTheDepartment() {
        var hire = events.hire("e-1", "d-sales", "2026-03-02T09:00");
        hire.setManagerId("e-0");
        long at = TestEvents.at("2026-03-02T09:00").toEpochMilli();

        EmployeeFact fact = (EmployeeFact) OrgChanges.facts(hire).get(0);

        assertEquals(
                new EmployeeFact(
                        T,
                        "e-1",
                        at,
                        EmployeeFact.Change.HIRED,
                        "d-sales",
                        "staff",
                        "e-0",
                        LocalDate.of(2026, 3, 2),
                        "e-1",
                        new BigDecimal("10000.00")),
                fact);
        assertEquals(
                List.of(new OrgChange(T, OrgChange.Kind.EMPLOYEE_DEPARTMENT, "e-1", at, "d-sales")),
                OrgChanges.of(hire));
    }

    @Test
    void aMoveGoesToTheNewDepartmentAndALeaveEndsTheEmployeesTimeLine() {
        EmployeeMoved moved = EmployeeMoved.newBuilder()
                .setHeader(events.header(SourceSystem.ORG, "2026-03-16T08:30", "e-1", "d-north"))
                .setEmployeeId("e-1")
                .setFromDepartmentId("d-sales")
                .setToDepartmentId("d-north")
                .setPosition("senior agent")
                .setManagerId("e-7")
                .setEffectiveDate(LocalDate.of(2026, 3, 16))
                .build();
        EmployeeLeft left = EmployeeLeft.newBuilder()
                .setHeader(events.header(SourceSystem.ORG, "2026-03-20T18:00", "e-1", "d-north"))
                .setEmployeeId("e-1")
                .setDepartmentId("d-north")
                .setLeaveDate(LocalDate.of(2026, 3, 20))
                .setVoluntary(true)
                .build();

        EmployeeFact move = (EmployeeFact) OrgChanges.facts(moved).get(0);
        EmployeeFact leave = (EmployeeFact) OrgChanges.facts(left).get(0);

        assertEquals(EmployeeFact.Change.MOVED, move.change());
        assertEquals(
                List.of("d-north", "senior agent", "e-7"),
                List.of(move.departmentId(), move.position(), move.managerId()));
        assertEquals(EmployeeFact.Change.LEFT, leave.change());
        assertEquals("d-north", leave.departmentId(), "the row keeps the department left");
        assertEquals(null, OrgChanges.of(left).get(0).value(), "the engine's time line ends");
    }

    @Test
    void aRenameChangesNoTimeLineOfTheEngineButAReparentingDoes() {
        DepartmentRenamed renamed = DepartmentRenamed.newBuilder()
                .setHeader(events.header(SourceSystem.ORG, "2026-03-10T08:00", null, "d-sales"))
                .setDepartmentId("d-sales")
                .setNewName("Sales (Elite)")
                .build();
        DepartmentReparented reparented = DepartmentReparented.newBuilder()
                .setHeader(events.header(SourceSystem.ORG, "2026-03-16T00:00", null, "d-sales"))
                .setDepartmentId("d-sales")
                .setNewParentDepartmentId("d-south")
                .build();

        DepartmentFact rename = (DepartmentFact) OrgChanges.facts(renamed).get(0);
        assertEquals("Sales (Elite)", rename.name());
        assertEquals(null, rename.parentId());
        assertEquals(List.of(), OrgChanges.of(renamed));
        assertEquals(
                List.of(new OrgChange(
                        T,
                        OrgChange.Kind.DEPARTMENT_PARENT,
                        "d-sales",
                        TestEvents.at("2026-03-16T00:00").toEpochMilli(),
                        "d-south")),
                OrgChanges.of(reparented));
        DepartmentFact created =
                (DepartmentFact) OrgChanges.facts(events.department("d-sales", "d-root", "2026-03-01T00:00"))
                        .get(0);
        assertEquals(
                List.of("FRONT_LINE", "OTHER", "d-root"),
                List.of(created.type(), created.function(), created.parentId()));
    }

    @Test
    void aSupportLinkIsAFactOfTheProjectionOnly() {
        SupportLinkAssigned link = SupportLinkAssigned.newBuilder()
                .setHeader(events.header(SourceSystem.ORG, "2026-03-01T00:00", null, "d-fin"))
                .setSupportDepartmentId("d-fin")
                .setBusinessDepartmentId("d-claims")
                .setEffectiveDate(LocalDate.of(2026, 3, 1))
                .setActive(false)
                .build();

        SupportLinkFact fact = (SupportLinkFact) OrgChanges.facts(link).get(0);

        assertFalse(fact.active());
        assertEquals(List.of("d-fin", "d-claims"), List.of(fact.supportDepartmentId(), fact.businessDepartmentId()));
        assertEquals(List.of(), OrgChanges.of(link));
    }

    @Test
    void anEmployeeFactNeverShowsTheNameOrBasePayWhenPrinted() {
        var hire = events.hire("e-1", "d-sales", "2026-03-02T09:00");
        hire.setName("Wang Wei");
        hire.setBasePay(new BigDecimal("12345.67"));

        String printed =
                String.valueOf(new SourcedOrgFact(OrgChanges.facts(hire).get(0), "ev-1", 3));

        assertFalse(printed.contains("Wang"), printed);
        assertFalse(printed.contains("12345"), printed);
        assertTrue(printed.contains("e-1") && printed.contains("HIRED"), printed);
    }

    @Test
    void eventsOfOtherSystemsAreNoOrgFacts() {
        assertEquals(List.of(), OrgChanges.facts(events.policy("e-1", "d-sales", "2026-03-02T10:00", "1.00", true)));
    }
}
