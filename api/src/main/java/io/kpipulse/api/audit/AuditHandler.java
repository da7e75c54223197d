package io.kpipulse.api.audit;

import io.javalin.http.Context;
import io.kpipulse.api.auth.Principal;
import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.Params;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * {@code GET .../audit?from&to&actor&action&limit&offset}: the tenant's audit log for auditors, newest first,
 * paged like lineage ({@code hasMore}). Reading the audit log is itself recorded ({@code audit.read}).
 */
public final class AuditHandler {

    static final Duration DEFAULT_SPAN = Duration.ofDays(30);
    private static final Pattern ACTOR = Pattern.compile("[\\p{L}\\p{N}._:@/-]{1,160}");
    private static final Pattern ACTION = Pattern.compile("[a-z][a-z0-9.-]{0,63}");

    private final TenantDirectory tenants;
    private final AuditReader reader;
    private final AuditLog audit;

    public AuditHandler(TenantDirectory tenants, AuditReader reader, AuditLog audit) {
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    public record AuditResponse(
            String tenant,
            Instant from,
            Instant to,
            String actor,
            String action,
            int limit,
            int offset,
            boolean hasMore,
            List<AuditReader.AuditView> entries) {}

    public void handle(Context ctx) {
        Tenant tenant = tenants.require(ctx.pathParam("tenant"));
        Instant now = tenants.clock().instant();
        // to is exclusive: by default it lies just past now, so an entry written this millisecond is included.
        Instant to = instant("to", ctx.queryParam("to"), now.plusMillis(1));
        Instant from = instant("from", ctx.queryParam("from"), to.minus(DEFAULT_SPAN));
        if (!from.isBefore(to)) {
            throw new BadRequestException("from", "must be before to");
        }
        String actor = optional("actor", ctx.queryParam("actor"), ACTOR);
        String action = optional("action", ctx.queryParam("action"), ACTION);
        int limit = Params.limit(ctx.queryParam("limit"));
        int offset = Params.offset(ctx.queryParam("offset"));
        List<AuditReader.AuditView> rows =
                reader.read(new AuditQuery(tenant.id(), from, to, actor, action, limit, offset), limit + 1);
        Principal principal = Principal.of(ctx);
        audit.record(AuditEntry.of(
                ctx, now, tenant.id(), principal.subject(), "audit.read", "audit", AuditEntry.Outcome.SUCCESS));
        boolean hasMore = rows.size() > limit;
        ctx.json(new AuditResponse(
                tenant.id(), from, to, actor, action, limit, offset, hasMore, hasMore ? rows.subList(0, limit) : rows));
    }

    private static Instant instant(String name, String raw, Instant fallback) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(raw.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestException(name, "must be an ISO-8601 instant like 2026-03-15T00:00:00Z");
        }
    }

    private static String optional(String name, String raw, Pattern shape) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        if (!shape.matcher(raw).matches()) {
            throw new BadRequestException(name, "has characters that no " + name + " contains");
        }
        return raw;
    }
}
