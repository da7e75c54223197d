package io.kpipulse.api.tenants;

import io.javalin.http.Context;
import io.kpipulse.api.auth.Principal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * {@code GET /api/v1/tenants}: the tenant the caller is signed in to, with its time zone and today. A
 * principal belongs to one tenant, so the list never names another: tenants must not learn of each other.
 */
public final class TenantsHandler {

    private final TenantDirectory tenants;

    public TenantsHandler(TenantDirectory tenants) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    public record TenantView(String id, String name, String zone, LocalDate today) {}

    public record TenantsResponse(List<TenantView> tenants) {}

    public void list(Context ctx) {
        String own = Principal.of(ctx).tenantId();
        ctx.json(new TenantsResponse(tenants.all().stream()
                .filter(t -> t.id().equals(own))
                .map(t -> new TenantView(t.id(), t.name(), t.calendar().zone().getId(), t.today(tenants.clock())))
                .toList()));
    }
}
