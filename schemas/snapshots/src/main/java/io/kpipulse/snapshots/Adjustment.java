package io.kpipulse.snapshots;

import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * One entry of the adjustments ledger: a frozen figure that turned out different after the freeze. {@code delta}
 * is new − old (null unless both are defined); {@code eventIds} the accepted events of the subject and period
 * archived after the freeze (the lineage of the change); {@code disputeId} the dispute that caused it, if any.
 */
public record Adjustment(
        String tenantId,
        String period,
        String snapshotId,
        String adjustmentId,
        SubjectType subjectType,
        String subjectId,
        String indicatorId,
        BigDecimal oldValue,
        BigDecimal newValue,
        Cause cause,
        List<String> eventIds,
        String disputeId,
        Disposition disposition,
        String carriedTo,
        String createdBy,
        Instant createdAt) {

    public enum Cause {
        LATE_EVENTS,
        DISPUTE
    }

    /** Where the adjustment goes: into the next period's pay, or into a new version when HR re-opens. */
    public enum Disposition {
        CARRY_FORWARD,
        AWAIT_REOPEN
    }

    public Adjustment {
        eventIds = List.copyOf(eventIds);
        disputeId = disputeId == null ? "" : disputeId;
        carriedTo = carriedTo == null ? "" : carriedTo;
    }

    public BigDecimal delta() {
        return oldValue == null || newValue == null ? null : newValue.subtract(oldValue);
    }
}
