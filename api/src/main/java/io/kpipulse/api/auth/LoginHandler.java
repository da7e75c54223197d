package io.kpipulse.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code POST /api/v1/auth/login} of the built-in issuer: {@code {tenant, username, password}} → a short-lived
 * bearer token. Every attempt on a known tenant is audited ({@code auth.login}, SUCCESS or FAILURE); the
 * answer to a failure never says which of the three was wrong.
 */
public final class LoginHandler {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final int MAX_PASSWORD = 256;

    private final TenantDirectory tenants;
    private final UserDirectory users;
    private final LocalIssuer issuer;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public LoginHandler(
            TenantDirectory tenants,
            UserDirectory users,
            LocalIssuer issuer,
            AuditLog audit,
            ObjectMapper json,
            Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.users = Objects.requireNonNull(users, "users");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public record LoginRequest(String tenant, String username, String password) {}

    public record LoginResponse(
            String token,
            String tokenType,
            Instant expiresAt,
            String tenant,
            String subject,
            List<String> roles,
            String employeeId) {}

    public void handle(Context ctx) {
        LoginRequest request = parse(ctx);
        String tenant = Params.tenant(request.tenant());
        String username = Params.required("username", request.username());
        if (!USERNAME.matcher(username).matches()) {
            throw new BadRequestException("username", "must be 1-64 letters, digits, '.', '_', '@' or '-'");
        }
        String password = Params.required("password", request.password());
        if (password.length() > MAX_PASSWORD) {
            throw new BadRequestException("password", "is longer than " + MAX_PASSWORD + " characters");
        }
        boolean knownTenant = tenants.contains(tenant);
        char[] secret = password.toCharArray();
        var user = users.authenticate(tenant, username, secret);
        Arrays.fill(secret, '\0');
        Instant now = clock.instant();
        if (user.isEmpty() || !knownTenant) {
            if (knownTenant) {
                audit.record(AuditEntry.of(
                                ctx,
                                now,
                                tenant,
                                tenant + "/" + username,
                                "auth.login",
                                "user:" + username,
                                AuditEntry.Outcome.FAILURE)
                        .withChange(null, Map.of("reason", "invalid credentials")));
            }
            throw new UnauthorizedException("sign-in failed: unknown tenant, username or password");
        }
        LocalUser u = user.get();
        LocalIssuer.Issued issued = issuer.issue(u);
        audit.record(AuditEntry.of(
                ctx, now, tenant, u.subject(), "auth.login", "user:" + username, AuditEntry.Outcome.SUCCESS));
        ctx.json(new LoginResponse(
                issued.token(),
                "Bearer",
                issued.expiresAt(),
                u.tenant(),
                u.subject(),
                u.roles().stream().map(Role::name).sorted().toList(),
                u.employeeId()));
    }

    private LoginRequest parse(Context ctx) {
        try {
            LoginRequest request = json.readValue(ctx.body(), LoginRequest.class);
            if (request == null) {
                throw new BadRequestException("body", "must be a JSON object {tenant, username, password}");
            }
            return request;
        } catch (IOException e) {
            throw new BadRequestException("body", "must be a JSON object {tenant, username, password}");
        }
    }
}
