package io.kpipulse.api.audit;

import io.javalin.http.Context;
import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit log: who did what to which target, when, with which outcome, and the state before
 * and after for a change. {@code before} and {@code after} are any JSON-serialisable value (a record, a
 * map) or null; the log stores them as JSON. Never put a secret in them (an API key, a password).
 *
 * @param tenantId the tenant the action belongs to
 * @param actor the principal's subject ({@code t-acme/head}, {@code key:<id>}), or what a failed sign-in claimed
 * @param action a stable dotted name: {@code auth.login}, {@code api-key.create}, {@code lineage.read}
 * @param target what was acted on: a key id, a subject ({@code EMPLOYEE/e-1}), a route
 */
public record AuditEntry(
        String tenantId,
        Instant time,
        String actor,
        String action,
        String target,
        Object before,
        Object after,
        Outcome outcome,
        String requestId,
        String clientAddress) {

    public enum Outcome {
        SUCCESS,
        FAILURE,
        DENIED
    }

    public AuditEntry {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(clientAddress, "clientAddress");
    }

    /** An entry for the current request: its id and client address are taken from {@code ctx}. */
    public static AuditEntry of(
            Context ctx, Instant time, String tenantId, String actor, String action, String target, Outcome outcome) {
        return new AuditEntry(tenantId, time, actor, action, target, null, null, outcome, RequestIds.of(ctx), ctx.ip());
    }

    /** The same entry with the state before and after a change. */
    public AuditEntry withChange(Object before, Object after) {
        return new AuditEntry(tenantId, time, actor, action, target, before, after, outcome, requestId, clientAddress);
    }
}
