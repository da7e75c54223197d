package io.kpipulse.api.tenants;

import io.javalin.http.Context;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** {@code GET /api/v1/tenants}: the tenants this API serves, with their time zone and today. */
public final class TenantsHandler {

    private final TenantDirectory tenants;

    public TenantsHandler(TenantDirectory tenants) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    public record TenantView(String id, String name, String zone, LocalDate today) {}

    public record TenantsResponse(List<TenantView> tenants) {}

    public void list(Context ctx) {
        ctx.json(new TenantsResponse(tenants.all().stream()
                .map(t -> new TenantView(t.id(), t.name(), t.calendar().zone().getId(), t.today(tenants.clock())))
                .toList()));
    }
}
