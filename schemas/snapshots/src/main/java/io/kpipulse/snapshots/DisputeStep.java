package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.time.Instant;

/** One step of a dispute on a snapshot line: raised (with the value the raiser claims, if any), accepted or rejected. */
public record DisputeStep(
        String tenantId,
        String period,
        String snapshotId,
        String disputeId,
        Kind kind,
        SubjectType subjectType,
        String subjectId,
        String indicatorId,
        String actor,
        Instant at,
        String reason,
        BigDecimal claimedValue) {

    public enum Kind {
        RAISED,
        ACCEPTED,
        REJECTED
    }
}
