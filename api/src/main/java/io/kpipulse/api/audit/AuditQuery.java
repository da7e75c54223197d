package io.kpipulse.api.audit;

import java.time.Instant;
import java.util.Objects;

/** A page of one tenant's audit log: {@code [from, to)}, optionally one actor and one action, newest first. */
public record AuditQuery(
        String tenantId, Instant from, Instant to, String actor, String action, int limit, int offset) {

    public AuditQuery {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }
}
