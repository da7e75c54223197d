package io.kpipulse.api.org;

import io.javalin.http.Context;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code GET .../org/tree}, {@code .../org/departments/{id}/members}, {@code .../org/employees/{id}}, each
 * within the caller's scope on the day asked: a department head sees the departments they head and below,
 * an employee their own record.
 */
public final class OrgHandlers {

    /** Department and employee ids come from business systems: printable, no control characters. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@-]{1,128}");

    private final TenantDirectory tenants;
    private final OrgService org;
    private final Scope scope;

    public OrgHandlers(TenantDirectory tenants, OrgService org, Scope scope) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.org = Objects.requireNonNull(org, "org");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public void tree(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        OrgViews.TreeView tree = org.tree(tenant, date);
        var visible = scope.visibleSubjects(Principal.of(ctx), date, SubjectType.DEPARTMENT);
        ctx.json(new OrgViews.TreeView(
                tree.tenant(),
                tree.date(),
                tree.departments().stream().filter(d -> visible.test(d.id())).toList()));
    }

    public void members(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String departmentId = id("departmentId", ctx.pathParam("departmentId"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        scope.require(Principal.of(ctx), date, SubjectType.DEPARTMENT, departmentId);
        ctx.json(org.members(tenant, departmentId, date, subtree(ctx.queryParam("subtree"))));
    }

    public void employee(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String employeeId = id("employeeId", ctx.pathParam("employeeId"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        scope.require(Principal.of(ctx), date, SubjectType.EMPLOYEE, employeeId);
        ctx.json(org.employee(tenant, employeeId, date));
    }

    static String id(String name, String raw) {
        String value = Params.required(name, raw);
        if (!ID.matcher(value).matches()) {
            throw new BadRequestException(name, "must be 1-128 letters, digits, '.', '_', ':', '@' or '-'");
        }
        return value;
    }

    static boolean subtree(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("false")) {
            return false;
        }
        if (raw.equals("true")) {
            return true;
        }
        throw new BadRequestException("subtree", "must be true or false");
    }
}
