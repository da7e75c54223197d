package io.kpipulse.snapshots.verify;

import io.kpipulse.snapshots.StoredSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Decides what the verification worker does on its own ({@link VerifySchedule}) from what is recorded about every
 * frozen snapshot version; it reads and writes nothing itself. A version with a verification request still open
 * (waiting or running, asked by HR or by an earlier pass) is not recomputed again meanwhile.
 */
final class ScheduledWork {

    /** What is recorded about one snapshot version. */
    record Version(
            StoredSnapshot snapshot,
            Instant lastRunFinished,
            String lastRunId,
            Instant lastIntegrityCheck,
            boolean requestOpen) {
        Version {
            Objects.requireNonNull(snapshot, "snapshot");
        }
    }

    /** A version to recompute, and why (the scheduled request's reason). */
    record Recompute(StoredSnapshot snapshot, String lastRunId, String reason) {}

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
            boolean periodic = !schedule.reverifyAfter().isZero();
            if (v.lastRunFinished() == null) {
                if (schedule.newFreezes()) {
                    recompute.add(new Recompute(v.snapshot(), "", "scheduled: new freeze, never verified"));
                } else if (periodic
                        && !v.snapshot()
                                .frozenAt()
                                .plus(schedule.reverifyAfter())
                                .isAfter(now)) {
                    recompute.add(new Recompute(
                            v.snapshot(),
                            "",
                            "scheduled: never verified, frozen " + v.snapshot().frozenAt()));
                }
            } else if (periodic
                    && !v.lastRunFinished().plus(schedule.reverifyAfter()).isAfter(now)) {
                recompute.add(
                        new Recompute(v.snapshot(), v.lastRunId(), "scheduled: last verified " + v.lastRunFinished()));
            }
        }
        return new Due(integrity, recompute);
    }
}
