package io.kpipulse.snapshots;

import java.time.Instant;

/** One step of a snapshot's lifecycle: frozen, published to employees, or re-opened (superseded by a new version). */
public record Transition(
        String tenantId,
        String period,
        String snapshotId,
        int version,
        Kind kind,
        String actor,
        Instant at,
        String reason) {

    public enum Kind {
        FROZEN,
        PUBLISHED,
        REOPENED
    }
}
