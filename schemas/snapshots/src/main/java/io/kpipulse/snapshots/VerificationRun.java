package io.kpipulse.snapshots;

import java.time.Instant;

/**
 * One run of the verification command: the snapshot recomputed from raw events and compared figure by figure.
 * {@code details} lists the differences (JSON), {@code recomputedHash} the content hash of the recomputation.
 */
public record VerificationRun(
        String tenantId,
        String period,
        String snapshotId,
        String runId,
        Instant startedAt,
        Instant finishedAt,
        Outcome outcome,
        long eventsReplayed,
        long differences,
        String details,
        String recomputedHash) {

    public enum Outcome {
        MATCH,
        DIFFERENT,
        FAILED
    }
}
