package io.kpipulse.api.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import io.kpipulse.api.http.Params;
import java.util.Objects;
import java.util.Set;

/**
 * The one gate every matched route passes ({@code beforeMatched}), in this order:
 *
 * <ol>
 *   <li>a route that names no role admits nobody (403): forgetting the roles fails closed;
 *   <li>{@link Role#PUBLIC}: no sign-in; rate-limited by client address;
 *   <li>authenticate (401 with {@code WWW-Authenticate}); failed attempts count against the client address;
 *   <li>rate limit per caller (429 with {@code Retry-After});
 *   <li>the path's {@code {tenant}} must be well-formed (400) and the principal's tenant (403);
 *   <li>the principal needs one of the route's roles (403).
 * </ol>
 * The principal is then stored under {@link Principal#ATTRIBUTE} for the handler. Row-level scope is the
 * handler's next step, through {@link Scope}.
 */
public final class AccessManager implements Handler {

    /** The authenticated caller, also when denied, so the denial can be audited with its actor. */
    static final String CALLER = "kpi.caller";

    private final Authenticator authenticator;
    private final RateLimiter rateLimiter;

    public AccessManager(Authenticator authenticator, RateLimiter rateLimiter) {
        this.authenticator = Objects.requireNonNull(authenticator, "authenticator");
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    }

    @Override
    public void handle(Context ctx) {
        Set<RouteRole> admitted = ctx.routeRoles();
        if (admitted.isEmpty()) {
            throw new ForbiddenException("this route admits no role");
        }
        if (admitted.contains(Role.PUBLIC)) {
            rateLimiter.acquire("address:" + ctx.ip());
            return;
        }
        Principal principal;
        try {
            principal = authenticator.authenticate(ctx);
        } catch (UnauthorizedException e) {
            rateLimiter.acquire("address:" + ctx.ip());
            throw e;
        }
        ctx.attribute(CALLER, principal);
        rateLimiter.acquire("caller:" + principal.tenantId() + "|" + principal.subject());
        String tenant = ctx.pathParamMap().get("tenant");
        if (tenant != null && !Params.tenant(tenant).equals(principal.tenantId())) {
            throw new ForbiddenException("tenant: you are signed in to another tenant");
        }
        if (principal.roles().stream().noneMatch(admitted::contains)) {
            throw new ForbiddenException("your roles do not admit this route");
        }
        ctx.attribute(Principal.ATTRIBUTE, principal);
    }

    /** The authenticated caller of a request, allowed or not; null before or without authentication. */
    static Principal caller(Context ctx) {
        return ctx.attribute(CALLER);
    }
}
