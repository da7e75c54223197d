package io.kpipulse.api.auth;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A hand-written org time line for scope tests: who heads, belongs to and sits under what, from a day
 * (inclusive) until a day (exclusive, null = open). One tenant; the tenant argument is checked.
 */
public final class InMemoryOrg implements OrgScopeDirectory {

    private record Fact(String who, String what, LocalDate from, LocalDate until) {
        boolean on(LocalDate day) {
            return !day.isBefore(from) && (until == null || day.isBefore(until));
        }
    }

    private final String tenant;
    private final List<Fact> heads = new ArrayList<>();
    private final List<Fact> parents = new ArrayList<>();
    private final List<Fact> members = new ArrayList<>();

    public InMemoryOrg(String tenant) {
        this.tenant = tenant;
    }

    public InMemoryOrg head(String employee, String department, LocalDate from, LocalDate until) {
        heads.add(new Fact(employee, department, from, until));
        return this;
    }

    public InMemoryOrg parent(String department, String parent, LocalDate from, LocalDate until) {
        parents.add(new Fact(department, parent, from, until));
        return this;
    }

    public InMemoryOrg member(String employee, String department, LocalDate from, LocalDate until) {
        members.add(new Fact(employee, department, from, until));
        return this;
    }

    @Override
    public Set<String> headedDepartments(String tenant, String employeeId, LocalDate day) {
        Set<String> out = new HashSet<>();
        if (this.tenant.equals(tenant)) {
            heads.stream().filter(f -> f.who().equals(employeeId) && f.on(day)).forEach(f -> out.add(f.what()));
        }
        return out;
    }

    @Override
    public Set<String> subtreeOf(String tenant, Set<String> departmentIds, LocalDate day) {
        Set<String> out = new HashSet<>(departmentIds);
        boolean grew = true;
        while (grew && this.tenant.equals(tenant)) {
            grew = false;
            for (Fact f : parents) {
                if (f.on(day) && out.contains(f.what()) && out.add(f.who())) {
                    grew = true;
                }
            }
        }
        return out;
    }

    @Override
    public Optional<String> departmentOf(String tenant, String employeeId, LocalDate day) {
        if (!this.tenant.equals(tenant)) {
            return Optional.empty();
        }
        return members.stream()
                .filter(f -> f.who().equals(employeeId) && f.on(day))
                .map(Fact::what)
                .findFirst();
    }

    @Override
    public Set<String> membersOf(String tenant, Set<String> departmentIds, LocalDate day) {
        Set<String> out = new HashSet<>();
        if (this.tenant.equals(tenant)) {
            members.stream()
                    .filter(f -> departmentIds.contains(f.what()) && f.on(day))
                    .forEach(f -> out.add(f.who()));
        }
        return out;
    }
}
