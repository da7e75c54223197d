package io.kpipulse.api.org;

import java.time.LocalDate;
import java.util.List;

/** The JSON shapes of the org routes (field names are the API contract; see api/README.md). */
public final class OrgViews {

    private OrgViews() {}

    /** {@code headName} and {@code memberCount} are about direct members. */
    public record DepartmentView(
            String id,
            String name,
            String parentId,
            String type,
            String function,
            String headEmployeeId,
            String headName,
            int memberCount) {}

    public record TreeView(String tenant, LocalDate date, List<DepartmentView> departments) {}

    public record DepartmentRef(String id, String name) {}

    public record MemberView(String employeeId, String name, String departmentId, String position, String managerId) {}

    public record MembersView(String tenant, LocalDate date, DepartmentRef department, List<MemberView> members) {}

    public record StretchView(LocalDate from, LocalDate to, String departmentId, String position, String managerId) {}

    public record EmployeeView(
            String tenant,
            LocalDate date,
            String employeeId,
            String name,
            String departmentId,
            String departmentName,
            String position,
            String managerId,
            LocalDate hiredOn,
            LocalDate leftOn,
            List<StretchView> history) {}
}
