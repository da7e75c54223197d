package io.kpipulse.simulator.activity;

import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.company.Employee;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Who works where, and when, during the simulation: initial employees, new hires, moves and leavers. The
 * behaviour generators ask it who is active; the {@link Emitter} uses it to fill {@code header.departmentId}
 * and to refuse events of employees who are not employed at the event's time.
 */
public final class Workforce {

    private record Assignment(long from, String departmentId) {}

    private static final class Person {
        final Employee employee;
        final long hiredAt;
        long leftAt = Long.MAX_VALUE;
        final List<Assignment> assignments = new ArrayList<>();

        Person(Employee employee, long hiredAt) {
            this.employee = employee;
            this.hiredAt = hiredAt;
            assignments.add(new Assignment(hiredAt, employee.departmentId()));
        }
    }

    private final Map<String, Person> people = new LinkedHashMap<>();
    private int nextEmployeeNumber;

    public Workforce(Company company, long startMillis) {
        for (Employee e : company.employees()) {
            people.put(e.id(), new Person(e, startMillis));
        }
        nextEmployeeNumber = company.employees().size() + 1;
    }

    public String newEmployeeId() {
        return String.format("e-%05d", nextEmployeeNumber++);
    }

    public void hire(Employee e, long at) {
        people.put(e.id(), new Person(e, at));
    }

    public void leave(String employeeId, long at) {
        people.get(employeeId).leftAt = at;
    }

    public void move(String employeeId, String departmentId, long at) {
        people.get(employeeId).assignments.add(new Assignment(at, departmentId));
    }

    public boolean isActive(String employeeId, long at) {
        Person p = people.get(employeeId);
        return p != null && p.hiredAt <= at && at < p.leftAt;
    }

    public boolean hasLeaveScheduled(String employeeId) {
        return people.get(employeeId).leftAt != Long.MAX_VALUE;
    }

    public Employee employee(String employeeId) {
        return people.get(employeeId).employee;
    }

    /** The department at {@code at} (the last assignment that started at or before it). */
    public String departmentOf(String employeeId, long at) {
        Person p = people.get(employeeId);
        String dept = p.assignments.get(0).departmentId();
        for (Assignment a : p.assignments) {
            if (a.from() <= at) {
                dept = a.departmentId();
            }
        }
        return dept;
    }

    /** Active employees at {@code at}, by department, in hiring order. */
    public Map<String, List<String>> membersAt(long at) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Person p : people.values()) {
            if (p.hiredAt <= at && at < p.leftAt) {
                out.computeIfAbsent(departmentOf(p.employee.id(), at), k -> new ArrayList<>())
                        .add(p.employee.id());
            }
        }
        return out;
    }

    public List<String> membersOf(String departmentId, long at) {
        return membersAt(at).getOrDefault(departmentId, List.of());
    }
}
