package io.kpipulse.snapshots.verify;

import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.IntegrityChecks;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import io.kpipulse.storage.ClickHouseConnector;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the verification requests HR made through the API ({@link VerificationRequests}): claims each
 * waiting request, verifies its snapshot version with {@link SnapshotVerifier} in a scratch database of its own
 * (dropped afterwards), reports every phase as a RUNNING step the API shows, and finishes the request DONE with
 * the recorded run (its differences stored for paging) or FAILED with the reason. One request at a time: a
 * verification replays a whole period through the engine. Each verification starts with an integrity check of the
 * stored lines ({@link IntegrityChecks}), which the API shows.
 *
 * <p>On its own ({@link VerifySchedule}, decided by {@link ScheduledWork}) it re-hashes the stored lines of every
 * version not checked recently, and asks for the recomputation of every new freeze and of every version not verified
 * recently, as requests like HR's (the API shows them). A scheduled request's id is derived from the snapshot, its
 * newest run and the day (and the retry's number when earlier scheduled requests failed), so two workers scheduling
 * at once ask once. A failed scheduled recomputation is asked for again after a bounded backoff
 * ({@link ScheduledWork#retryAfter}), not only the next day.
 */
public final class VerificationWorker {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationWorker.class);

    private final ClickHouseConnector source;
    private final SnapshotVerifier verifier;
    private final CatalogUpdate catalog;
    private final String worker;
    private final Clock clock;
    private final VerifySchedule schedule;
    private final VerificationRequests requests;
    private final SnapshotStore store;
    private final IntegrityChecks integrity;
    private Instant lastStep = Instant.EPOCH;

    public VerificationWorker(
            ClickHouseConnector source,
            SnapshotVerifier verifier,
            CatalogUpdate catalog,
            VerifySchedule schedule,
            String worker,
            Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requests = new VerificationRequests(source::open);
        this.store = new SnapshotStore(source::open);
        this.integrity = new IntegrityChecks(source::open);
    }

    /** What one scheduled pass did: versions re-hashed (and how many were not intact), recomputations asked for. */
    public record ScheduledPass(int rehashed, int notIntact, int requested) {}

    /**
     * The schedule's pass: re-hashes the versions due for an integrity check, and records a request for each version
     * due for a recomputation ({@link #runWaiting} then verifies them).
     */
    public ScheduledPass runSchedule() {
        List<StoredSnapshot> versions = store.allVersions();
        Map<String, VerificationRun> runs = store.newestRuns();
        Map<String, Instant> checks = integrity.newestChecks();
        Set<String> open = new HashSet<>();
        for (VerificationRequest r : requests.open()) {
            open.add(r.snapshotId());
        }
        Map<String, List<VerificationRequest>> failed = new HashMap<>();
        for (VerificationRequest r : requests.failedAskedBy(SCHEDULE_ACTOR)) {
            failed.computeIfAbsent(r.snapshotId(), k -> new ArrayList<>()).add(r);
        }
        List<ScheduledWork.Version> known = new ArrayList<>(versions.size());
        for (StoredSnapshot s : versions) {
            VerificationRun run = runs.get(s.snapshotId());
            // The schedule's failures since the version's newest run: what its retry waits on.
            int failures = 0;
            Instant lastFailure = null;
            for (VerificationRequest r : failed.getOrDefault(s.snapshotId(), List.of())) {
                if (run == null || r.updatedAt().isAfter(run.finishedAt())) {
                    failures++;
                    lastFailure =
                            lastFailure == null || r.updatedAt().isAfter(lastFailure) ? r.updatedAt() : lastFailure;
                }
            }
            known.add(new ScheduledWork.Version(
                    s,
                    run == null ? null : run.finishedAt(),
                    run == null ? "" : run.runId(),
                    checks.get(s.snapshotId()),
                    open.contains(s.snapshotId()),
                    failures,
                    lastFailure));
        }
        Instant now = now();
        ScheduledWork.Due due = ScheduledWork.decide(schedule, known, now);
        int notIntact = 0;
        for (StoredSnapshot s : due.integrity()) {
            if (!integrity.check(s, worker, now()).intact()) {
                notIntact++;
                LOG.warn(
                        "snapshot {} of {} {} v{}: stored lines do not match its hash",
                        s.snapshotId(),
                        s.tenantId(),
                        s.period().id(),
                        s.version());
            }
        }
        LocalDate day = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (ScheduledWork.Recompute r : due.recompute()) {
            // A retry (attempt > 0) is a new request: the failed one keeps its id and stays FAILED.
            String id = "v-"
                    + UUID.nameUUIDFromBytes(("schedule|" + r.snapshot().snapshotId() + '|' + r.lastRunId() + '|' + day
                                    + (r.attempt() == 0 ? "" : "|retry " + r.attempt()))
                            .getBytes(StandardCharsets.UTF_8));
            requests.request(r.snapshot(), SCHEDULE_ACTOR, r.reason(), now(), id);
        }
        return new ScheduledPass(
                due.integrity().size(), notIntact, due.recompute().size());
    }

    /** Who asks for a scheduled recomputation (a request's requestedBy). */
    public static final String SCHEDULE_ACTOR = "verification schedule";

    /** Verifies every request waiting now, oldest first; how many this worker finished (done or failed). */
    public int runWaiting() throws Exception {
        int finished = 0;
        for (VerificationRequest r : requests.waiting()) {
            if (!requests.claim(r, worker, now())) {
                continue; // another worker took it
            }
            run(r);
            finished++;
        }
        return finished;
    }

    private void run(VerificationRequest r) throws Exception {
        Optional<StoredSnapshot> snapshot = store.version(r.tenantId(), Period.parse(r.period()), r.version());
        if (snapshot.isEmpty() || !snapshot.get().snapshotId().equals(r.snapshotId())) {
            requests.failed(r, worker, now(), "snapshot " + r.snapshotId() + " version " + r.version() + " not found");
            return;
        }
        ClickHouseConnector scratch = source.withDatabase(source.database() + "_verify_"
                + Long.toString(clock.millis(), 36).toLowerCase(Locale.ROOT) + "_"
                + Integer.toString(r.requestId().hashCode() & 0x7fffffff, 36));
        CaptureProgress progress = (phase, done, total) -> requests.progress(r, worker, now(), phase, done, total);
        try {
            progress.report("checking integrity", 0, snapshot.get().lineCount());
            integrity.check(snapshot.get(), worker, now());
            SnapshotVerifier.Result result = verifier.verify(snapshot.get(), catalog, scratch, progress);
            requests.done(r, worker, now(), result.run());
            LOG.info(
                    "verification request {} of {} {} v{}: {}, {} differences",
                    r.requestId(),
                    r.tenantId(),
                    r.period(),
                    r.version(),
                    result.run().outcome(),
                    result.run().differences());
        } catch (Exception e) {
            // The class and message of the failure only: no stack trace or figures reach the API.
            requests.failed(r, worker, now(), e.getClass().getSimpleName() + ": " + e.getMessage());
            LOG.warn("verification request {} failed", r.requestId(), e);
        } finally {
            drop(scratch);
        }
    }

    /** Strictly after this worker's previous step, so a request's steps keep their order at millisecond stamps. */
    private Instant now() {
        Instant t = clock.instant();
        if (!t.isAfter(lastStep)) {
            t = lastStep.plusMillis(1);
        }
        lastStep = t;
        return t;
    }

    private static void drop(ClickHouseConnector scratch) throws Exception {
        try (Connection c = scratch.openWithoutDatabase();
                Statement s = c.createStatement()) {
            // The name is ours (database + base-36 numbers), never user input.
            s.execute("DROP DATABASE IF EXISTS " + scratch.database());
        }
    }
}
