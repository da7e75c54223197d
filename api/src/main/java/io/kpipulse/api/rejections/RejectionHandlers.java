package io.kpipulse.api.rejections;

import io.javalin.http.Context;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import java.util.List;
import java.util.Objects;

/** Dead letters and late events of a tenant, newest first: what the pipeline did not count, and why. */
public final class RejectionHandlers {

    private final TenantDirectory tenants;
    private final RejectionsReader reader;

    public RejectionHandlers(TenantDirectory tenants, RejectionsReader reader) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.reader = Objects.requireNonNull(reader, "reader");
    }

    public record DeadLettersResponse(String tenant, String reason, int limit, List<DeadLetterView> deadLetters) {}

    public record LateEventsResponse(String tenant, int limit, List<LateEventView> lateEvents) {}

    public void deadLetters(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String reason = Params.optionalReason(ctx.queryParam("reason"));
        int limit = Params.limit(ctx.queryParam("limit"));
        ctx.json(new DeadLettersResponse(tenant.id(), reason, limit, reader.deadLetters(tenant.id(), reason, limit)));
    }

    public void lateEvents(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        int limit = Params.limit(ctx.queryParam("limit"));
        ctx.json(new LateEventsResponse(tenant.id(), limit, reader.lateEvents(tenant.id(), limit)));
    }
}
