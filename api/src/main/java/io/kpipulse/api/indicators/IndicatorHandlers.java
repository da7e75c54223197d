package io.kpipulse.api.indicators;

import io.javalin.http.Context;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.JsonAnswer;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Catalog, values, rankings, scorecard and history routes: parse the request, call the service, write JSON. */
public final class IndicatorHandlers {

    /** {@code /rankings}: a dashboard's top-N. */
    public static final int RANKING_DEFAULT_LIMIT = 50;
    /** {@code /values} lists every subject up to this many; also the largest page of either route. */
    public static final int MAX_PAGE = 500;

    private final TenantDirectory tenants;
    private final CatalogService catalog;
    private final ValuesService values;
    private final Scope scope;
    private final JsonAnswer json;

    public IndicatorHandlers(
            TenantDirectory tenants, CatalogService catalog, ValuesService values, Scope scope, JsonAnswer json) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.values = Objects.requireNonNull(values, "values");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.json = Objects.requireNonNull(json, "json");
    }

    public record CatalogResponse(String tenant, long catalogVersion, List<IndicatorView> indicators) {}

    public void catalog(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        var today = tenant.today(tenants.clock());
        var current = catalog.current();
        json.write(
                ctx,
                new CatalogResponse(
                        tenant.id(),
                        current.version(),
                        current.indicators().stream()
                                .map(d -> IndicatorView.of(d, today))
                                .toList()));
    }

    /** One subject outside the caller's scope is a 403; every subject is filtered to the scope before ranking. */
    public void values(Context ctx) {
        page(ctx, MAX_PAGE, Params.optionalSubjectId(ctx.queryParam("subjectId")));
    }

    public void rankings(Context ctx) {
        page(ctx, RANKING_DEFAULT_LIMIT, null);
    }

    private void page(Context ctx, int defaultLimit, String subjectId) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String indicator = Params.required("indicator", ctx.queryParam("indicator"));
        WindowType window = Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE);
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        SubjectType subjectType = Params.subjectType(ctx.queryParam("subjectType"));
        Principal principal = Principal.of(ctx);
        if (subjectId != null) {
            scope.require(principal, date, subjectType, subjectId);
        }
        json.write(
                ctx,
                values.values(
                        tenant,
                        indicator,
                        window,
                        date,
                        subjectType,
                        new ValuesService.Page(
                                subjectId,
                                Params.limit(ctx.queryParam("limit"), defaultLimit, MAX_PAGE),
                                Params.offset(ctx.queryParam("offset"))),
                        scope.visibleIds(principal, date, subjectType)));
    }

    public void scorecard(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        SubjectType subjectType = Params.subjectType(ctx.pathParam("subjectType"));
        String subjectId = Params.subjectId(ctx.pathParam("subjectId"));
        LocalDate date = Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()));
        scope.require(Principal.of(ctx), date, subjectType, subjectId);
        json.write(ctx, values.scorecard(tenant, subjectType, subjectId, date));
    }

    public void history(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        SubjectType subjectType = Params.subjectType(ctx.pathParam("subjectType"));
        String subjectId = Params.subjectId(ctx.pathParam("subjectId"));
        LocalDate to = Params.date("to", ctx.queryParam("to"));
        // Scope as of the last day asked: a head moved away mid-range no longer reads the old subtree's history.
        scope.require(Principal.of(ctx), to, subjectType, subjectId);
        json.write(
                ctx,
                values.history(
                        tenant,
                        subjectType,
                        subjectId,
                        Params.required("indicator", ctx.queryParam("indicator")),
                        Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE),
                        Params.date("from", ctx.queryParam("from")),
                        to,
                        Params.step(ctx.queryParam("step"))));
    }
}
