package io.kpipulse.api.org;

import io.javalin.http.Context;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import java.util.Objects;
import java.util.regex.Pattern;

/** {@code GET .../org/tree}, {@code .../org/departments/{id}/members}, {@code .../org/employees/{id}}. */
public final class OrgHandlers {

    /** Department and employee ids come from business systems: printable, no control characters. */
    private static final Pattern ID = Pattern.compile("[\\p{L}\\p{N}._:@-]{1,128}");

    private final TenantDirectory tenants;
    private final OrgService org;

    public OrgHandlers(TenantDirectory tenants, OrgService org) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.org = Objects.requireNonNull(org, "org");
    }

    public void tree(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(org.tree(tenant, Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()))));
    }

    public void members(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(org.members(
                tenant,
                id("departmentId", ctx.pathParam("departmentId")),
                Params.date(ctx.queryParam("date"), tenant.today(tenants.clock())),
                subtree(ctx.queryParam("subtree"))));
    }

    public void employee(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(org.employee(
                tenant,
                id("employeeId", ctx.pathParam("employeeId")),
                Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()))));
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
