package io.kpipulse.api.snapshots;

import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.Adjustment;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The adjustments ledger. A reconcile compares the period's current snapshot with the live values now: every
 * indicator value that changed since the freeze (events within the engine's horizon that arrived after it, a
 * correction) becomes one entry with old value, new value, delta and the subject's events archived after the
 * freeze; the snapshot itself is never touched, so its hash stays. Entries already in the ledger are not
 * repeated. By policy ({@link CloseConfig#latePolicy()}) entries are carried into the next period, or wait for
 * HR to re-open the period.
 */
public final class AdjustmentService {

    private final SnapshotStore store;
    private final SnapshotCapture capture;
    private final EventLog eventLog;
    private final Supplier<IndicatorCatalog> catalog;
    private final CloseConfig config;
    private final Clock clock;

    public AdjustmentService(
            SnapshotStore store,
            SnapshotCapture capture,
            EventLog eventLog,
            Supplier<IndicatorCatalog> catalog,
            CloseConfig config,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.capture = Objects.requireNonNull(capture, "capture");
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The new ledger entries for changes since the freeze of {@code snapshot}. */
    public List<Adjustment> reconcile(Tenant tenant, StoredSnapshot snapshot, String actor) {
        ZoneId zone = tenant.calendar().zone();
        Period period = snapshot.period();
        SnapshotContent live = capture.capture(
                tenant.id(),
                period,
                zone,
                catalog.get(),
                eventLog.positionBefore(tenant.id(), period.endExclusive(zone)),
                CaptureProgress.IGNORED);
        Set<String> known = new HashSet<>();
        for (Adjustment a : store.adjustments(tenant.id(), period)) {
            if (a.snapshotId().equals(snapshot.snapshotId()) && a.cause() == Adjustment.Cause.LATE_EVENTS) {
                known.add(key(a.subjectType().name(), a.subjectId(), a.indicatorId(), a.newValue()));
            }
        }
        List<Adjustment> added = new ArrayList<>();
        for (SnapshotDiff.Difference d : SnapshotDiff.between(store.lines(snapshot), live.lines())) {
            if (!d.isIndicator() || !known.add(key(d.subjectType().name(), d.subjectId(), d.field(), d.valueAfter()))) {
                continue;
            }
            added.add(entry(
                    snapshot,
                    d.subjectType(),
                    d.subjectId(),
                    d.field(),
                    d.valueBefore(),
                    d.valueAfter(),
                    Adjustment.Cause.LATE_EVENTS,
                    eventLog.archivedAfter(
                            tenant.id(), d.subjectType(), d.subjectId(), period, zone, snapshot.frozenAt()),
                    null,
                    actor));
        }
        store.add(added);
        return added;
    }

    /** A ledger entry for an accepted dispute. */
    Adjustment fromDispute(
            StoredSnapshot snapshot,
            io.kpipulse.catalog.SubjectType type,
            String subjectId,
            String indicatorId,
            BigDecimal oldValue,
            BigDecimal newValue,
            String disputeId,
            String actor) {
        Adjustment a = entry(
                snapshot,
                type,
                subjectId,
                indicatorId,
                oldValue,
                newValue,
                Adjustment.Cause.DISPUTE,
                List.of(),
                disputeId,
                actor);
        store.add(List.of(a));
        return a;
    }

    private Adjustment entry(
            StoredSnapshot snapshot,
            io.kpipulse.catalog.SubjectType type,
            String subjectId,
            String indicatorId,
            BigDecimal oldValue,
            BigDecimal newValue,
            Adjustment.Cause cause,
            List<String> events,
            String disputeId,
            String actor) {
        Adjustment.Disposition disposition = config.latePolicy();
        return new Adjustment(
                snapshot.tenantId(),
                snapshot.period().id(),
                snapshot.snapshotId(),
                UUID.randomUUID().toString(),
                type,
                subjectId,
                indicatorId,
                oldValue,
                newValue,
                cause,
                events,
                disputeId,
                disposition,
                disposition == Adjustment.Disposition.CARRY_FORWARD
                        ? snapshot.period().next().id()
                        : "",
                actor,
                clock.instant());
    }

    private static String key(String type, String subject, String indicator, BigDecimal value) {
        return type + '/' + subject + '/' + indicator + '=' + io.kpipulse.snapshots.CanonicalForm.decimal(value);
    }
}
