package io.kpipulse.api.auth;

import io.javalin.http.Context;
import java.util.List;

/** {@code GET /api/v1/auth/me}: who the caller is signed in as, for the dashboard's header and menus. */
public final class MeHandler {

    public record MeResponse(String tenant, String subject, List<String> roles, String employeeId) {}

    public void handle(Context ctx) {
        Principal p = Principal.of(ctx);
        ctx.json(new MeResponse(
                p.tenantId(),
                p.subject(),
                p.roles().stream().map(Role::name).sorted().toList(),
                p.employeeId()));
    }
}
