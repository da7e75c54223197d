package io.kpipulse.api.lineage;

import io.javalin.http.Context;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.WindowType;
import java.util.Objects;

/** {@code GET .../lineage}: the raw events behind one value, paged. */
public final class LineageHandler {

    private final TenantDirectory tenants;
    private final LineageService lineage;

    public LineageHandler(TenantDirectory tenants, LineageService lineage) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.lineage = Objects.requireNonNull(lineage, "lineage");
    }

    public void handle(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(lineage.lineage(
                tenant,
                Params.required("indicator", ctx.queryParam("indicator")),
                Params.window(ctx.queryParam("window"), WindowType.MONTH_TO_DATE),
                Params.date(ctx.queryParam("date"), tenant.today(tenants.clock())),
                Params.subjectType(ctx.queryParam("subjectType")),
                Params.subjectId(ctx.queryParam("subjectId")),
                Params.limit(ctx.queryParam("limit")),
                Params.offset(ctx.queryParam("offset"))));
    }
}
