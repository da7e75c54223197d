package io.kpipulse.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kpipulse.api.audit.AuditEntry;
import io.kpipulse.api.audit.AuditLog;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import java.io.IOException;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * API keys of a tenant, for administrators: list, create (the key is in this one answer only), revoke.
 * Creation and revocation are audited with the key's state before and after (never the key itself).
 */
public final class ApiKeyHandlers {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._:@-]{1,100}");
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{16}");

    private final TenantDirectory tenants;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final ObjectMapper json;
    private final Clock clock;

    public ApiKeyHandlers(TenantDirectory tenants, ApiKeys keys, AuditLog audit, ObjectMapper json, Clock clock) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.json = Objects.requireNonNull(json, "json");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public record CreateRequest(String name, List<String> roles) {}

    public record KeysResponse(String tenant, List<ApiKeys.ApiKeyView> apiKeys) {}

    public void list(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        ctx.json(new KeysResponse(tenant.id(), keys.list(tenant.id())));
    }

    public void create(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        CreateRequest request = parse(ctx);
        String name = request.name() == null ? "" : request.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new BadRequestException("name", "must be 1-100 letters, digits, spaces or '._:@-'");
        }
        Set<Role> roles = roles(request.roles());
        Principal principal = Principal.of(ctx);
        ApiKeys.Created created = keys.create(tenant.id(), name, roles, principal.subject());
        audit.record(AuditEntry.of(
                        ctx,
                        clock.instant(),
                        tenant.id(),
                        principal.subject(),
                        "api-key.create",
                        "api-key:" + created.apiKey().id(),
                        AuditEntry.Outcome.SUCCESS)
                .withChange(null, created.apiKey()));
        ctx.status(201).json(created);
    }

    public void revoke(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        String id = ctx.pathParam("keyId");
        if (!KEY_ID.matcher(id).matches()) {
            throw new BadRequestException("keyId", "must be 16 lower-case hex digits");
        }
        Principal principal = Principal.of(ctx);
        var before = keys.list(tenant.id()).stream()
                .filter(k -> k.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("no API key " + id + " in " + tenant.id()));
        ApiKeys.ApiKeyView after = keys.revoke(tenant.id(), id, principal.subject())
                .orElseThrow(() -> new NotFoundException("no API key " + id + " in " + tenant.id()));
        audit.record(AuditEntry.of(
                        ctx,
                        clock.instant(),
                        tenant.id(),
                        principal.subject(),
                        "api-key.revoke",
                        "api-key:" + id,
                        AuditEntry.Outcome.SUCCESS)
                .withChange(before, after));
        ctx.json(after);
    }

    private CreateRequest parse(Context ctx) {
        try {
            CreateRequest request = json.readValue(ctx.body(), CreateRequest.class);
            if (request == null) {
                throw new BadRequestException("body", "must be a JSON object {name, roles}");
            }
            return request;
        } catch (IOException e) {
            throw new BadRequestException("body", "must be a JSON object {name, roles}");
        }
    }

    private static Set<Role> roles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new BadRequestException("roles", "must name one or more of " + ApiKeys.grantable());
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String n : names) {
            Role role;
            try {
                role = Role.valueOf(String.valueOf(n).strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestException("roles", "unknown role, expected one of " + ApiKeys.grantable());
            }
            if (!ApiKeys.grantable().contains(role)) {
                throw new BadRequestException("roles", role + " cannot be given to an API key");
            }
            roles.add(role);
        }
        return roles;
    }
}
