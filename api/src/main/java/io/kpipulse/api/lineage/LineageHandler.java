package io.kpipulse.api.lineage;

import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET .../lineage}: the raw events behind one value, paged. The subject must be in the caller's scope;
 * every read is audited ({@code lineage.read}): raw events carry personal data.
 */
public final class LineageHandler {

    private final TenantDirectory tenants;
    private final LineageService lineage;
    private final Scope scope;
    private final AuditLog audit;

    public LineageHandler(TenantDirectory tenants, LineageService lineage, Scope scope, AuditLog audit) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.lineage = Objects.requireNonNull(lineage, "lineage");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public void handle(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String indicator = Params.required("indicator", ctx.queryParam("indicator"));
        WindowType window = Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE);
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        SubjectType subjectType = Params.subjectType(ctx.queryParam("subjectType"));
        String subjectId = Params.subjectId(ctx.queryParam("subjectId"));
        int limit = Params.limit(ctx.queryParam("limit"));
        int offset = Params.offset(ctx.queryParam("offset"));
        Principal principal = Principal.of(ctx);
        scope.require(principal, date, subjectType, subjectId);
        LineageService.LineageResponse response =
                lineage.lineage(tenant, indicator, window, date, subjectType, subjectId, limit, offset);
        audit.record(AuditEntry.of(
                        ctx,
                        tenants.clock().instant(),
                        tenant.id(),
                        principal.subject(),
                        "lineage.read",
                        subjectType + "/" + subjectId,
                        AuditEntry.Outcome.SUCCESS)
                .withChange(
                        null,
                        Map.of(
                                "indicator",
                                indicator,
                                "window",
                                response.window(),
                                "offset",
                                offset,
                                "events",
                                response.events().size())));
        ctx.json(response);
    }
}
