package io.kpipulse.api.indicators;

import io.javalin.http.Context;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.WindowType;
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

    public IndicatorHandlers(TenantDirectory tenants, CatalogService catalog, ValuesService values) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.values = Objects.requireNonNull(values, "values");
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

    public void values(Context ctx) {
        page(ctx, MAX_PAGE, Params.optionalSubjectId(ctx.queryParam("subjectId")));
    }

    public void rankings(Context ctx) {
        page(ctx, RANKING_DEFAULT_LIMIT, null);
    }

    private void page(Context ctx, int defaultLimit, String subjectId) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(values.values(
                tenant,
                Params.required("indicator", ctx.queryParam("indicator")),
                Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE),
                Params.date(ctx.queryParam("date"), tenant.today(tenants.clock())),
                Params.subjectType(ctx.queryParam("subjectType")),
                new ValuesService.Page(
                        subjectId,
                        Params.limit(ctx.queryParam("limit"), defaultLimit, MAX_PAGE),
                        Params.offset(ctx.queryParam("offset")))));
    }

    public void scorecard(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(values.scorecard(
                tenant,
                Params.subjectType(ctx.pathParam("subjectType")),
                Params.subjectId(ctx.pathParam("subjectId")),
                Params.date(ctx.queryParam("date"), tenant.today(tenants.clock()))));
    }

    public void history(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(values.history(
                tenant,
                Params.subjectType(ctx.pathParam("subjectType")),
                Params.subjectId(ctx.pathParam("subjectId")),
                Params.required("indicator", ctx.queryParam("indicator")),
                Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE),
                Params.date("from", ctx.queryParam("from")),
                Params.date("to", ctx.queryParam("to")),
                Params.step(ctx.queryParam("step"))));
    }
}
