package io.kpipulse.api.live;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import java.sql.SQLException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/v1/tenants/{tenant}/live}: server-sent events of the tenant's value changes. The
 * request is checked in {@link #check} before the stream opens, so a bad request still gets the JSON error
 * shape (once the stream is open, the status is already 200).
 */
public final class LiveHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHandler.class);
    private static final String EVENT_STREAM = "text/event-stream";

    private final TenantDirectory tenants;
    private final LiveHub hub;
    private final Scope scope;

    public LiveHandler(TenantDirectory tenants, LiveHub hub, Scope scope) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.hub = Objects.requireNonNull(hub, "hub");
        this.scope = Objects.requireNonNull(scope, "scope");
    }

    /** Before the stream: the tenant exists and the client asks for an event stream. */
    public void check(Context ctx) {
        tenants.require(ctx.pathParam("tenant"));
        if (!EVENT_STREAM.equals(ctx.header("Accept"))) {
            throw new BadRequestException("Accept", "must be " + EVENT_STREAM + " for the live stream");
        }
    }

    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        client.keepAlive();
        try {
            hub.subscribe(
                    tenant.id(),
                    client,
                    LiveScope.of(scope, principal, tenant.today(tenants.clock())),
                    ctx.header("Last-Event-ID"));
        } catch (SQLException | RuntimeException e) {
            LOG.warn("live stream of tenant {} could not start: {}", tenant.id(), e.toString());
            client.close();
        }
    }
}
