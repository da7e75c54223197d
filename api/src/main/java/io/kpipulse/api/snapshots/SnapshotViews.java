package io.kpipulse.api.snapshots;

import io.kpipulse.snapshots.Adjustment;
import io.kpipulse.snapshots.CanonicalForm;
import io.kpipulse.snapshots.DisputeStep;
import io.kpipulse.snapshots.FreezeProgressLog;
import io.kpipulse.snapshots.FrozenValue;
import io.kpipulse.snapshots.IntegrityCheck;
import io.kpipulse.snapshots.SnapshotDiff;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the period-close routes. Decimals are exact strings without trailing zeros. */
final class SnapshotViews {

    private SnapshotViews() {}

    record EventLogView(long events, Instant maxEventTime, Map<String, Long> offsets) {}

    record SnapshotView(
            String snapshotId,
            int version,
            String status,
            String contentHash,
            long lines,
            long values,
            long catalogVersion,
            String scoringVersion,
            String bonusRulesVersion,
            EventLogView eventLog,
            String frozenBy,
            Instant frozenAt,
            String reason,
            boolean forced) {

        static SnapshotView of(StoredSnapshot s, PeriodState state) {
            return new SnapshotView(
                    s.snapshotId(),
                    s.version(),
                    state.statusOf(s).name(),
                    s.contentHash(),
                    s.lineCount(),
                    s.valueCount(),
                    s.catalogVersion(),
                    s.scoringVersion(),
                    s.bonusRulesVersion(),
                    new EventLogView(
                            s.position().eventCount(),
                            Instant.ofEpochMilli(s.position().maxEventTimeMillis()),
                            s.position().offsets()),
                    s.frozenBy(),
                    s.frozenAt(),
                    s.reason(),
                    s.forced());
        }
    }

    record TransitionView(String snapshotId, int version, String transition, String actor, Instant at, String reason) {
        static TransitionView of(Transition t) {
            return new TransitionView(t.snapshotId(), t.version(), t.kind().name(), t.actor(), t.at(), t.reason());
        }
    }

    record ProgressView(String actor, Instant startedAt, String phase, long done, long total) {}

    /** The period's newest freeze as stored by the process that ran it: running, done or failed. */
    record FreezeView(
            String freezeId,
            int version,
            String actor,
            Instant startedAt,
            Instant updatedAt,
            String state,
            String phase,
            long done,
            long total,
            String message) {
        static FreezeView of(FreezeProgressLog.FreezeRun f) {
            return new FreezeView(
                    f.freezeId(),
                    f.version(),
                    f.actor(),
                    f.startedAt(),
                    f.updatedAt(),
                    f.state().name(),
                    f.phase(),
                    f.done(),
                    f.total(),
                    f.message());
        }
    }

    record PeriodView(
            String tenant,
            String period,
            String kind,
            LocalDate start,
            LocalDate end,
            String zone,
            String status,
            FreezeService.Readiness readiness,
            ProgressView freezing,
            FreezeView lastFreeze,
            SnapshotView current,
            List<SnapshotView> versions,
            List<TransitionView> transitions) {}

    record ValueView(
            String value, String numerator, String denominator, String target, String attainment, long eventCount) {
        static ValueView of(FrozenValue v) {
            return new ValueView(
                    text(v.value()),
                    text(v.numerator()),
                    text(v.denominator()),
                    text(v.target()),
                    text(v.attainment()),
                    v.eventCount());
        }
    }

    record LineView(
            String subjectType,
            String subjectId,
            String departmentId,
            String basePay,
            String score,
            String rating,
            Map<String, String> multipliers,
            String performancePay,
            Map<String, ValueView> values) {
        static LineView of(SnapshotLine l) {
            Map<String, String> multipliers = new LinkedHashMap<>();
            l.multipliers().forEach((k, v) -> multipliers.put(k, text(v)));
            Map<String, ValueView> values = new LinkedHashMap<>();
            l.values().forEach((k, v) -> values.put(k, ValueView.of(v)));
            return new LineView(
                    l.subjectType().name(),
                    l.subjectId(),
                    l.departmentId(),
                    text(l.basePay()),
                    text(l.score()),
                    l.rating(),
                    multipliers,
                    text(l.performancePay()),
                    values);
        }
    }

    record SnapshotLinesView(String tenant, String period, SnapshotView snapshot, int count, List<LineView> lines) {}

    record DifferenceView(
            String subjectType, String subjectId, String field, String before, String after, String delta) {
        static DifferenceView of(SnapshotDiff.Difference d) {
            BigDecimal delta = d.valueBefore() == null || d.valueAfter() == null
                    ? null
                    : d.valueAfter().subtract(d.valueBefore());
            return new DifferenceView(
                    d.subjectType().name(), d.subjectId(), d.field(), d.before(), d.after(), text(delta));
        }
    }

    record ComparisonView(
            String tenant,
            String period,
            SnapshotView from,
            SnapshotView to,
            int count,
            List<DifferenceView> differences) {}

    record AdjustmentView(
            String adjustmentId,
            String snapshotId,
            String subjectType,
            String subjectId,
            String indicator,
            String oldValue,
            String newValue,
            String delta,
            String cause,
            List<String> eventIds,
            String disputeId,
            String disposition,
            String carriedTo,
            String createdBy,
            Instant createdAt) {
        static AdjustmentView of(Adjustment a) {
            return new AdjustmentView(
                    a.adjustmentId(),
                    a.snapshotId(),
                    a.subjectType().name(),
                    a.subjectId(),
                    a.indicatorId(),
                    text(a.oldValue()),
                    text(a.newValue()),
                    text(a.delta()),
                    a.cause().name(),
                    a.eventIds(),
                    a.disputeId(),
                    a.disposition().name(),
                    a.carriedTo(),
                    a.createdBy(),
                    a.createdAt());
        }
    }

    record StepView(String step, String actor, Instant at, String reason, String value) {
        static StepView of(DisputeStep s) {
            return new StepView(s.kind().name(), s.actor(), s.at(), s.reason(), text(s.claimedValue()));
        }
    }

    record DisputeView(
            String disputeId,
            String snapshotId,
            String subjectType,
            String subjectId,
            String indicator,
            String state,
            StepView raised,
            StepView resolution,
            String lineage) {
        static DisputeView of(DisputeService.Dispute d, String lineageUrl) {
            DisputeStep r = d.raised();
            return new DisputeView(
                    d.disputeId(),
                    r.snapshotId(),
                    r.subjectType().name(),
                    r.subjectId(),
                    r.indicatorId(),
                    d.open() ? "OPEN" : d.resolution().kind().name(),
                    StepView.of(r),
                    d.open() ? null : StepView.of(d.resolution()),
                    lineageUrl);
        }
    }

    record VerificationView(
            String runId,
            Instant startedAt,
            Instant finishedAt,
            String outcome,
            long eventsReplayed,
            long differences,
            String recomputedHash,
            String details) {
        static VerificationView of(VerificationRun r) {
            return new VerificationView(
                    r.runId(),
                    r.startedAt(),
                    r.finishedAt(),
                    r.outcome().name(),
                    r.eventsReplayed(),
                    r.differences(),
                    r.recomputedHash(),
                    r.details());
        }
    }

    /** The newest integrity re-hash the verification worker recorded. */
    record IntegrityView(String storedHash, String rehashedLines, boolean intact, Instant checkedAt, String checkedBy) {
        static IntegrityView of(IntegrityCheck c) {
            return new IntegrityView(c.storedHash(), c.rehashedHash(), c.intact(), c.checkedAt(), c.checkedBy());
        }
    }

    /** A verification request: who asked, where it stands, and once done the run with a page of its differences. */
    record VerificationRequestView(
            String requestId,
            String snapshotId,
            int version,
            String requestedBy,
            Instant requestedAt,
            String reason,
            String status,
            String phase,
            long done,
            long total,
            Instant updatedAt,
            String message,
            VerificationView run,
            DifferencesView differences) {

        static VerificationRequestView of(
                VerificationRequest r,
                VerificationRun run,
                VerificationRequests.DifferencePage page,
                int limit,
                int offset) {
            return new VerificationRequestView(
                    r.requestId(),
                    r.snapshotId(),
                    r.version(),
                    r.requestedBy(),
                    r.requestedAt(),
                    r.reason(),
                    r.status().name(),
                    r.phase(),
                    r.done(),
                    r.total(),
                    r.updatedAt(),
                    r.message(),
                    run == null ? null : VerificationView.of(run),
                    page == null
                            ? null
                            : new DifferencesView(
                                    page.total(),
                                    limit,
                                    offset,
                                    page.differences().stream()
                                            .map(DifferenceView::of)
                                            .toList()));
        }
    }

    /** One page of a run's differences and how many there are in all. */
    record DifferencesView(long total, int limit, int offset, List<DifferenceView> items) {}

    record VerificationsView(
            String tenant,
            String period,
            SnapshotView snapshot,
            IntegrityView integrity,
            List<VerificationView> runs) {}

    static String text(BigDecimal d) {
        return d == null ? null : CanonicalForm.decimal(d);
    }
}
