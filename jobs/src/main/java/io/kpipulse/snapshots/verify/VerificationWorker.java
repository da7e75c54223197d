package io.kpipulse.snapshots.verify;

import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.CaptureProgress;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works through the verification requests HR made through the API ({@link VerificationRequests}): claims each
 * waiting request, verifies its snapshot version with {@link SnapshotVerifier} in a scratch database of its own
 * (dropped afterwards), reports every phase as a RUNNING step the API shows, and finishes the request DONE with
 * the recorded run (its differences stored for paging) or FAILED with the reason. One request at a time: a
 * verification replays a whole period through the engine.
 */
public final class VerificationWorker {

    private static final Logger LOG = LoggerFactory.getLogger(VerificationWorker.class);

    private final ClickHouseConnector source;
    private final SnapshotVerifier verifier;
    private final CatalogUpdate catalog;
    private final String worker;
    private final Clock clock;
    private final VerificationRequests requests;
    private final SnapshotStore store;
    private Instant lastStep = Instant.EPOCH;

    public VerificationWorker(
            ClickHouseConnector source, SnapshotVerifier verifier, CatalogUpdate catalog, String worker, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.requests = new VerificationRequests(source::open);
        this.store = new SnapshotStore(source::open);
    }

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
