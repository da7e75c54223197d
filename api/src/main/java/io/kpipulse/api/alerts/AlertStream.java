package io.kpipulse.api.alerts;

import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.auth.Scope;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.SubjectType;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * {@code GET /api/v1/tenants/{tenant}/alerts/stream}: server-sent events of the tenant's alert transitions
 * as the dispatcher reads them from {@code kpi.alerts} ({@link #publish}), each {@code event: alert} with the
 * transition's JSON (as on the topic) and its idempotency key as the event id. A caller sees only alerts of
 * departments in their scope on the day the transition arrives — a department head their subtree, HR,
 * executives and auditors the whole tenant. Live only: what happened before the stream opened is
 * {@code GET …/alerts/events}.
 */
public final class AlertStream {

    private static final String EVENT_STREAM = "text/event-stream";

    private record Subscriber(SseClient client, Predicate<AlertTransition> visible) {}

    private final TenantDirectory tenants;
    private final Scope scope;
    private final Clock clock;
    private final Map<String, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();
    /** Writes off the dispatcher's thread: a slow browser must not hold back deliveries. */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kpi-alert-stream");
        t.setDaemon(true);
        return t;
    });

    public AlertStream(TenantDirectory tenants, Scope scope, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.scope = Objects.requireNonNull(scope, "scope");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Before the stream: the tenant exists and the client asks for an event stream (JSON errors still possible). */
    public void check(Context ctx) {
        tenants.require(ctx.pathParam("tenant"));
        if (!EVENT_STREAM.equals(ctx.header("Accept"))) {
            throw new BadRequestException("Accept", "must be " + EVENT_STREAM + " for the alert stream");
        }
    }

    public void stream(SseClient client) {
        Context ctx = client.ctx();
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Principal principal = Principal.of(ctx);
        Subscriber s = new Subscriber(
                client, t -> scope.mayRead(principal, tenant.today(clock), SubjectType.DEPARTMENT, t.departmentId()));
        Set<Subscriber> set = subscribers.computeIfAbsent(tenant.id(), k -> ConcurrentHashMap.newKeySet());
        set.add(s);
        client.onClose(() -> set.remove(s));
        client.keepAlive();
        client.sendComment("connected");
    }

    /** Hands a transition to the tenant's open streams that may see it. */
    public void publish(AlertTransition t) {
        writer.execute(() -> send(t));
    }

    private void send(AlertTransition t) {
        Set<Subscriber> set = subscribers.get(t.tenantId());
        if (set == null || t.departmentId() == null) {
            return;
        }
        String data = null;
        for (Subscriber s : set) {
            if (s.client().terminated()) {
                set.remove(s);
            } else if (s.visible().test(t)) {
                data = data == null ? AlertTransitionJson.write(t) : data;
                s.client().sendEvent("alert", data, t.idempotencyKey());
            }
        }
    }

    /** Open streams, all tenants. */
    public int clients() {
        return subscribers.values().stream().mapToInt(Set::size).sum();
    }
}
