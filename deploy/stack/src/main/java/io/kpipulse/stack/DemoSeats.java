package io.kpipulse.stack;

import io.kpipulse.api.auth.DemoUsers;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.read.org.HeadRule;
import io.kpipulse.read.org.Placement;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Who holds each demo role in a simulated company, chosen so that every role shows something: the
 * executive heads the root department, the department head heads a life-sales division (a department with
 * teams below it), the employee works in one of that division's teams, HR heads Human Resources. A head is
 * decided by the org directory's {@link HeadRule}.
 */
final class DemoSeats {

    private DemoSeats() {}

    static DemoUsers.Seats of(Company company) {
        Department root = company.departments().stream()
                .filter(d -> d.parentId() == null)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(company.tenantId() + " has no root department"));
        Department division = company.departments().stream()
                .filter(d -> d.function() == DepartmentFunction.LIFE_SALES
                        && !children(company, d).isEmpty())
                .min(Comparator.comparing(Department::id))
                .orElseThrow(() -> new IllegalStateException(company.tenantId() + " has no life-sales division"));
        Department team = children(company, division).get(0);
        String head = head(company, team).orElse(null);
        String employee = company.employeesOf(team.id()).stream()
                .map(Employee::id)
                .filter(id -> !id.equals(head))
                .sorted()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(team.id() + " has no member besides its head"));
        Department hr = company.departments().stream()
                .filter(d -> d.function() == DepartmentFunction.HR)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(company.tenantId() + " has no HR department"));
        return new DemoUsers.Seats(
                company.tenantId(),
                head(company, root).orElse(null),
                head(company, division).orElseThrow(() -> new IllegalStateException(division.id() + " has no head")),
                employee,
                head(company, hr).orElse(null));
    }

    private static List<Department> children(Company company, Department parent) {
        return company.departments().stream()
                .filter(d -> parent.id().equals(d.parentId()))
                .sorted(Comparator.comparing(Department::id))
                .toList();
    }

    /** The head by the org directory's own rule, so the demo head has exactly the scope the API will give. */
    private static Optional<String> head(Company company, Department department) {
        return HeadRule.headOf(company.employeesOf(department.id()).stream()
                .map(e -> new Placement(e.id(), e.departmentId(), e.position(), e.managerId()))
                .toList());
    }
}
