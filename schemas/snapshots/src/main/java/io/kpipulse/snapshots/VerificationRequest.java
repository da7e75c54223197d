package io.kpipulse.snapshots;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to verify one snapshot version against a recomputation from raw events, as it stands: who asked,
 * when and why, its status, the phase the worker reached (work done out of a total when known), and once done
 * the run it recorded ({@link VerificationRun}) or why it failed.
 */
public record VerificationRequest(
        String tenantId,
        String period,
        String snapshotId,
        int version,
        String requestId,
        String requestedBy,
        Instant requestedAt,
        String reason,
        Status status,
        String phase,
        long done,
        long total,
        String runId,
        String message,
        Instant updatedAt) {

    /** REQUESTED until a worker claims it; RUNNING while it verifies; DONE with a run, or FAILED with a message. */
    public enum Status {
        REQUESTED,
        RUNNING,
        DONE,
        FAILED;

        public boolean open() {
            return this == REQUESTED || this == RUNNING;
        }
    }

    public VerificationRequest {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(status, "status");
    }
}
