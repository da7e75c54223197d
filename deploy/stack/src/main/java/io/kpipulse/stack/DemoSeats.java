package io.kpipulse.stack;

import io.kpipulse.api.auth.DemoUsers;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who holds each demo role in a simulated company, chosen so that every role shows something: the
 * executive heads the root department, the department head heads a life-sales division (a department with
 * teams below it), the employee works in one of that division's teams, HR heads Human Resources. A head is
 * the member whose manager is outside the department, as the org directory's head rule decides.
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

    private static Optional<String> head(Company company, Department department) {
        List<Employee> members = company.employeesOf(department.id());
        Set<String> ids = members.stream().map(Employee::id).collect(Collectors.toSet());
        return members.stream()
                .filter(e -> e.managerId() == null || !ids.contains(e.managerId()))
                .map(Employee::id)
                .sorted()
                .findFirst();
    }
}
