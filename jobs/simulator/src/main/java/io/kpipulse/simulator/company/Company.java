package io.kpipulse.simulator.company;

import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.tenants.TenantCalendar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tenant's company at the start of the simulated period: the org tree, employees and support links, all
 * in creation order (lists, never hash iteration, so every walk over the company is reproducible).
 */
public final class Company {

    private final String tenantId;
    private final TenantCalendar calendar;
    private final List<Department> departments;
    private final List<Employee> employees;
    private final List<SupportLink> supportLinks;
    private final Map<String, Department> departmentsById = new LinkedHashMap<>();
    private final Map<String, List<Employee>> employeesByDepartment = new LinkedHashMap<>();

    public Company(
            String tenantId,
            TenantCalendar calendar,
            List<Department> departments,
            List<Employee> employees,
            List<SupportLink> supportLinks) {
        this.tenantId = tenantId;
        this.calendar = calendar;
        this.departments = List.copyOf(departments);
        this.employees = List.copyOf(employees);
        this.supportLinks = List.copyOf(supportLinks);
        for (Department d : this.departments) {
            departmentsById.put(d.id(), d);
            employeesByDepartment.put(d.id(), new ArrayList<>());
        }
        for (Employee e : this.employees) {
            employeesByDepartment.get(e.departmentId()).add(e);
        }
    }

    public String tenantId() {
        return tenantId;
    }

    public TenantCalendar calendar() {
        return calendar;
    }

    public List<Department> departments() {
        return departments;
    }

    public List<Employee> employees() {
        return employees;
    }

    public List<SupportLink> supportLinks() {
        return supportLinks;
    }

    public Department department(String id) {
        return departmentsById.get(id);
    }

    /** Leaf departments of a function (teams, not divisions), in id order. */
    public List<Department> teams(DepartmentFunction function) {
        return departments.stream()
                .filter(d -> d.function() == function
                        && !employeesByDepartment.get(d.id()).isEmpty()
                        && departments.stream().noneMatch(c -> d.id().equals(c.parentId())))
                .toList();
    }

    public List<Employee> employeesOf(String departmentId) {
        return List.copyOf(employeesByDepartment.getOrDefault(departmentId, List.of()));
    }

    /** Employees of every team with this function. */
    public List<Employee> employeesOf(DepartmentFunction function) {
        List<Employee> out = new ArrayList<>();
        for (Department d : teams(function)) {
            out.addAll(employeesByDepartment.get(d.id()));
        }
        return out;
    }
}
