package io.kpipulse.api.snapshots;

import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.http.NotFoundException;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.Adjustment;
import io.kpipulse.snapshots.DisputeStep;
import io.kpipulse.snapshots.FrozenValue;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Disputes on snapshot lines: raised with a reason on one indicator of a line (or the line as a whole), then
 * resolved by HR: accepted (an adjustments-ledger entry from the frozen value to the corrected one) or rejected
 * with a reason. Each step is one stored row; a dispute is open while its newest step is RAISED.
 */
public final class DisputeService {

    /** A dispute with every step so far and, once accepted, its ledger entry. */
    public record Dispute(String disputeId, DisputeStep raised, DisputeStep resolution) {

        public boolean open() {
            return resolution == null;
        }
    }

    /** A resolved dispute and, when accepted, its ledger entry (else null). */
    public record Resolution(Dispute dispute, Adjustment adjustment) {}

    private final SnapshotStore store;
    private final AdjustmentService adjustments;
    private final Clock clock;

    public DisputeService(SnapshotStore store, AdjustmentService adjustments, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.adjustments = Objects.requireNonNull(adjustments, "adjustments");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Dispute raise(
            StoredSnapshot snapshot,
            SubjectType type,
            String subjectId,
            String indicatorId,
            String reason,
            BigDecimal claimedValue,
            String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason", "a dispute needs a reason");
        }
        SnapshotLine line = store.line(snapshot, type, subjectId)
                .orElseThrow(() -> new NotFoundException(
                        "snapshot " + snapshot.snapshotId() + " has no line for " + type + " " + subjectId));
        if (!indicatorId.isEmpty() && !line.values().containsKey(indicatorId)) {
            throw new BadRequestException(
                    "indicator", "the line of " + subjectId + " has no value of indicator " + indicatorId);
        }
        DisputeStep step = new DisputeStep(
                snapshot.tenantId(),
                snapshot.period().id(),
                snapshot.snapshotId(),
                "d-" + UUID.randomUUID(),
                DisputeStep.Kind.RAISED,
                type,
                subjectId,
                indicatorId,
                actor,
                clock.instant(),
                reason,
                claimedValue);
        store.add(step);
        return new Dispute(step.disputeId(), step, null);
    }

    public List<Dispute> all(String tenantId, Period period) {
        return store.disputes(tenantId, period).entrySet().stream()
                .map(e -> dispute(e.getKey(), e.getValue()))
                .toList();
    }

    public Dispute require(String tenantId, Period period, String disputeId) {
        List<DisputeStep> steps = store.disputes(tenantId, period).get(disputeId);
        if (steps == null) {
            throw new NotFoundException("period " + period.id() + " has no dispute " + disputeId);
        }
        return dispute(disputeId, steps);
    }

    /**
     * Resolves an open dispute. Accepted: {@code correctedValue} (or the value the raiser claimed) becomes a
     * ledger entry against the frozen value. Rejected: the reason is the answer.
     */
    public Resolution resolve(
            StoredSnapshot snapshot,
            String disputeId,
            boolean accepted,
            String reason,
            BigDecimal correctedValue,
            String actor) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason", "a resolution needs a reason");
        }
        Dispute dispute = require(snapshot.tenantId(), snapshot.period(), disputeId);
        if (!dispute.open()) {
            throw new SnapshotConflictException(
                    "DISPUTE_CLOSED",
                    "dispute " + disputeId + " was already "
                            + dispute.resolution().kind().name().toLowerCase(java.util.Locale.ROOT));
        }
        DisputeStep raised = dispute.raised();
        StoredSnapshot disputed = snapshot.snapshotId().equals(raised.snapshotId())
                ? snapshot
                : store.versions(snapshot.tenantId(), snapshot.period()).stream()
                        .filter(s -> s.snapshotId().equals(raised.snapshotId()))
                        .findFirst()
                        .orElse(snapshot);
        Adjustment adjustment = null;
        if (accepted) {
            BigDecimal newValue = correctedValue != null ? correctedValue : raised.claimedValue();
            if (newValue == null || raised.indicatorId().isEmpty()) {
                throw new BadRequestException(
                        "value", "accepting needs the corrected value of one indicator (none was claimed)");
            }
            BigDecimal oldValue = store.line(disputed, raised.subjectType(), raised.subjectId())
                    .map(l -> l.values().get(raised.indicatorId()))
                    .map(FrozenValue::value)
                    .orElse(null);
            adjustment = adjustments.fromDispute(
                    disputed,
                    raised.subjectType(),
                    raised.subjectId(),
                    raised.indicatorId(),
                    oldValue,
                    newValue,
                    disputeId,
                    actor);
        }
        DisputeStep step = new DisputeStep(
                raised.tenantId(),
                raised.period(),
                raised.snapshotId(),
                disputeId,
                accepted ? DisputeStep.Kind.ACCEPTED : DisputeStep.Kind.REJECTED,
                raised.subjectType(),
                raised.subjectId(),
                raised.indicatorId(),
                actor,
                clock.instant(),
                reason,
                accepted ? adjustment.newValue() : null);
        store.add(step);
        return new Resolution(new Dispute(disputeId, raised, step), adjustment);
    }

    private static Dispute dispute(String id, List<DisputeStep> steps) {
        DisputeStep raised = steps.stream()
                .filter(s -> s.kind() == DisputeStep.Kind.RAISED)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("dispute " + id + " was never raised"));
        DisputeStep resolution = steps.stream()
                .filter(s -> s.kind() != DisputeStep.Kind.RAISED)
                .findFirst()
                .orElse(null);
        return new Dispute(id, raised, resolution);
    }
}
