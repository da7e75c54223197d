package io.kpipulse.api.audit;

/**
 * The append-only audit log. Every surface that changes something, or reads something sensitive, records
 * one entry per request through this interface (built with {@link AuditEntry#of}), after the change
 * succeeded or was refused. Recording is synchronous and a failure to record is a failure of the request:
 * nothing changes without a trace. There is deliberately no update or delete.
 */
public interface AuditLog {

    void record(AuditEntry entry);
}
