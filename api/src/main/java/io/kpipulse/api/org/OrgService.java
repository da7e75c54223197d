package io.kpipulse.api.org;

import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.org.OrgViews.DepartmentRef;
import io.kpipulse.api.org.OrgViews.DepartmentView;
import io.kpipulse.api.org.OrgViews.EmployeeView;
import io.kpipulse.api.org.OrgViews.MemberView;
import io.kpipulse.api.org.OrgViews.MembersView;
import io.kpipulse.api.org.OrgViews.StretchView;
import io.kpipulse.api.org.OrgViews.TreeView;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.read.org.Department;
import io.kpipulse.read.org.EmployeeRecord;
import io.kpipulse.read.org.OrgDay;
import io.kpipulse.read.org.OrgReadException;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.org.OrgSnapshot;
import io.kpipulse.read.org.Placement;
import io.kpipulse.read.sql.StorageException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The org routes' answers, from the shared {@link OrgReader}: the tree, a department's members and an
 * employee's record, as of a day in the tenant's zone. Names are personal data: they go into answers only,
 * never into a log or an error message.
 */
public final class OrgService {

    private final OrgReader reader;

    public OrgService(OrgReader reader) {
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    /** Every department that day, parents first, with its head and direct member count (three queries). */
    public TreeView tree(Tenant tenant, LocalDate date) {
        OrgDay day = day(tenant, date);
        OrgSnapshot org = read(() -> reader.snapshot(day));
        List<String> heads = new ArrayList<>();
        for (Department d : org.departments()) {
            org.head(d.id()).ifPresent(heads::add);
        }
        Map<String, String> names = read(() -> reader.names(day, heads));
        List<DepartmentView> departments = new ArrayList<>();
        for (Department d : org.departments()) {
            String head = org.head(d.id()).orElse(null);
            departments.add(new DepartmentView(
                    d.id(),
                    d.name(),
                    d.parentId(),
                    d.type(),
                    d.function(),
                    head,
                    head == null ? null : names.get(head),
                    org.directMembers(d.id()).size()));
        }
        return new TreeView(tenant.id(), date, departments);
    }

    /** The department's direct members, or its whole subtree's, with names (three queries). */
    public MembersView members(Tenant tenant, String departmentId, LocalDate date, boolean subtree) {
        OrgDay day = day(tenant, date);
        OrgSnapshot org = read(() -> reader.snapshot(day));
        Department department = org.department(departmentId)
                .orElseThrow(
                        () -> new NotFoundException("department '" + departmentId + "' does not exist on " + date));
        List<Placement> placements = org.members(departmentId, subtree);
        Map<String, String> names = read(() ->
                reader.names(day, placements.stream().map(Placement::employeeId).toList()));
        List<MemberView> members = placements.stream()
                .map(p -> new MemberView(
                        p.employeeId(), names.get(p.employeeId()), p.departmentId(), p.position(), p.managerId()))
                .toList();
        return new MembersView(tenant.id(), date, new DepartmentRef(department.id(), department.name()), members);
    }

    /** The employee that day with their whole history; 404 when not employed that day (three queries). */
    public EmployeeView employee(Tenant tenant, String employeeId, LocalDate date) {
        OrgDay day = day(tenant, date);
        EmployeeRecord record = read(() -> reader.employee(day, employeeId))
                .orElseThrow(() -> new NotFoundException("unknown employee '" + employeeId + "'"));
        Placement placement = record.placement()
                .orElseThrow(() -> new NotFoundException("employee '" + employeeId + "' is not employed on " + date
                        + " (" + record.notEmployedReason() + ")"));
        String name = read(() -> reader.names(day, List.of(employeeId))).get(employeeId);
        Optional<Department> department = read(() -> reader.department(day, placement.departmentId()));
        List<StretchView> history = record.history().stream()
                .map(s -> new StretchView(s.from(), s.to(), s.departmentId(), s.position(), s.managerId()))
                .toList();
        return new EmployeeView(
                tenant.id(),
                date,
                employeeId,
                name,
                placement.departmentId(),
                department.map(Department::name).orElse(null),
                placement.position(),
                placement.managerId(),
                record.hiredOn(),
                record.leftOn(),
                history);
    }

    private static OrgDay day(Tenant tenant, LocalDate date) {
        return new OrgDay(tenant.id(), date, tenant.calendar().zone());
    }

    /** A failed read is the API's 503, like every other ClickHouse failure. */
    private static <T> T read(Supplier<T> question) {
        try {
            return question.get();
        } catch (OrgReadException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }
}
