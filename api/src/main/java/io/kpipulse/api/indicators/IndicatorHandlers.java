package io.kpipulse.api.indicators;

import io.javalin.http.Context;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Catalog, values and scorecard routes: parse the request, call the service, write JSON. */
public final class IndicatorHandlers {

    private final TenantDirectory tenants;
    private final CatalogService catalog;
    private final ValuesService values;
    private final Scope scope;

    public IndicatorHandlers(TenantDirectory tenants, CatalogService catalog, ValuesService values, Scope scope) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.values = Objects.requireNonNull(values, "values");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    public record CatalogResponse(String tenant, long catalogVersion, List<IndicatorView> indicators) {}

    public void catalog(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        var today = tenant.today(tenants.clock());
        var current = catalog.current();
        ctx.json(new CatalogResponse(
                tenant.id(),
                current.version(),
                current.indicators().stream()
                        .map(d -> IndicatorView.of(d, today))
                        .toList()));
    }

    /** One subject outside the caller's scope is a 403; every subject is filtered to the scope before ranking. */
    public void values(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String indicator = Params.required("indicator", ctx.queryParam("indicator"));
        WindowType window = Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE);
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        SubjectType subjectType = Params.subjectType(ctx.queryParam("subjectType"));
        String subjectId = Params.optionalSubjectId(ctx.queryParam("subjectId"));
        Principal principal = Principal.of(ctx);
        if (subjectId != null) {
            scope.require(principal, date, subjectType, subjectId);
        }
        ctx.json(values.values(
                tenant,
                indicator,
                window,
                date,
                subjectType,
                subjectId,
                scope.visibleSubjects(principal, date, subjectType)));
    }

    public void scorecard(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        SubjectType subjectType = Params.subjectType(ctx.pathParam("subjectType"));
        String subjectId = Params.subjectId(ctx.pathParam("subjectId"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        scope.require(Principal.of(ctx), date, subjectType, subjectId);
        ctx.json(values.scorecard(tenant, subjectType, subjectId, date));
    }
}
