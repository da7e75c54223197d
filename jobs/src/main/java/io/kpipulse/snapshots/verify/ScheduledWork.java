package io.kpipulse.snapshots.verify;

import io.kpipulse.snapshots.StoredSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what the verification worker does on its own ({@link VerifySchedule}) from what is recorded about every
 * frozen snapshot version; it reads and writes nothing itself. A version with a verification request still open
 * (waiting or running, asked by HR or by an earlier pass) is not recomputed again meanwhile. A version whose
 * scheduled recomputation failed (since its newest run) is asked for again once a backoff has passed:
 * {@link #FIRST_RETRY} after the first failure, doubling with each further one, at most {@link #LONGEST_RETRY}, so a
 * passing fault (ClickHouse restarting, a full disk freed) is retried within the day, and a lasting one costs a
 * recomputation every few hours, not one a pass.
 */
final class ScheduledWork {

    /** The wait after a first failed scheduled recomputation of a version. */
    static final Duration FIRST_RETRY = Duration.ofMinutes(10);

    /** The longest wait between two scheduled recomputations of a version that keep failing. */
    static final Duration LONGEST_RETRY = Duration.ofHours(4);

    /**
     * What is recorded about one snapshot version. {@code failedAttempts}: the schedule's requests for it that failed
     * since its newest run (all of them when it never ran), the newest at {@code lastFailure} (null when none).
     */
    record Version(
            StoredSnapshot snapshot,
            Instant lastRunFinished,
            String lastRunId,
            Instant lastIntegrityCheck,
            boolean requestOpen,
            int failedAttempts,
            Instant lastFailure) {
        Version {
            Objects.requireNonNull(snapshot, "snapshot");
            if (failedAttempts < 0 || (failedAttempts > 0) != (lastFailure != null)) {
                throw new IllegalArgumentException("a failure count needs the newest failure's time");
            }
        }

        /** A version no scheduled request failed for. */
        Version(
                StoredSnapshot snapshot,
                Instant lastRunFinished,
                String lastRunId,
                Instant lastIntegrityCheck,
                boolean requestOpen) {
            this(snapshot, lastRunFinished, lastRunId, lastIntegrityCheck, requestOpen, 0, null);
        }
    }

    /**
     * A version to recompute, and why (the scheduled request's reason); {@code attempt} counts the failed scheduled
     * requests before this one (0: a first request), so that a retry is a new request.
     */
    record Recompute(StoredSnapshot snapshot, String lastRunId, String reason, int attempt) {
        Recompute(StoredSnapshot snapshot, String lastRunId, String reason) {
            this(snapshot, lastRunId, reason, 0);
        }
    }

    /** How long after its {@code failures}-th failed scheduled recomputation a version is asked for again. */
    static Duration retryAfter(int failures) {
        Duration wait = FIRST_RETRY;
        for (int i = 1; i < failures && wait.compareTo(LONGEST_RETRY) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(LONGEST_RETRY) < 0 ? wait : LONGEST_RETRY;
    }

    /** The versions to re-hash, and the versions to recompute. */
    record Due(List<StoredSnapshot> integrity, List<Recompute> recompute) {}

    private ScheduledWork() {}

    static Due decide(VerifySchedule schedule, List<Version> versions, Instant now) {
        List<StoredSnapshot> integrity = new ArrayList<>();
        List<Recompute> recompute = new ArrayList<>();
        for (Version v : versions) {
            if (!schedule.integrityAfter().isZero()
                    && (v.lastIntegrityCheck() == null
                            || !v.lastIntegrityCheck()
                                    .plus(schedule.integrityAfter())
                                    .isAfter(now))) {
                integrity.add(v.snapshot());
            }
            if (v.requestOpen()) {
                continue;
            }
            String reason = null;
            boolean periodic = !schedule.reverifyAfter().isZero();
            if (v.lastRunFinished() == null) {
                if (schedule.newFreezes()) {
                    reason = "scheduled: new freeze, never verified";
                } else if (periodic
                        && !v.snapshot()
                                .frozenAt()
                                .plus(schedule.reverifyAfter())
                                .isAfter(now)) {
                    reason = "scheduled: never verified, frozen " + v.snapshot().frozenAt();
                }
            } else if (periodic
                    && !v.lastRunFinished().plus(schedule.reverifyAfter()).isAfter(now)) {
                reason = "scheduled: last verified " + v.lastRunFinished();
            }
            if (reason == null) {
                continue;
            }
            if (v.failedAttempts() == 0) {
                recompute.add(new Recompute(v.snapshot(), v.lastRunId(), reason));
            } else if (!v.lastFailure().plus(retryAfter(v.failedAttempts())).isAfter(now)) {
                recompute.add(new Recompute(
                        v.snapshot(),
                        v.lastRunId(),
                        reason + "; retry " + v.failedAttempts() + " after the failure at " + v.lastFailure(),
                        v.failedAttempts()));
            }
        }
        return new Due(integrity, recompute);
    }
}
