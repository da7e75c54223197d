package io.kpipulse.snapshots.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.periods.Period;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.EventLogPosition;
import io.kpipulse.snapshots.FrozenValue;
import io.kpipulse.snapshots.IntegrityChecks;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotLine;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.VerificationRequest;
import io.kpipulse.snapshots.VerificationRequests;
import io.kpipulse.snapshots.VerificationRun;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import io.kpipulse.testing.Freezes;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The verification worker's own schedule against real ClickHouse tables: every version re-hashed (the integrity the
 * API shows), a new freeze and a version last verified too long ago asked for as requests, nothing asked twice while
 * a request is open, re-hashes repeated once the interval has passed. No replay runs here (the requests' runs are
 * SnapshotVerifierTest's).
 */
class VerificationScheduleTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final String T = "t-sched";
    static final Period MARCH = Period.parse("2026-03");
    static final Instant FROZEN_AT = Instant.parse("2026-04-02T02:00:00Z");
    static final Instant NOW = Instant.parse("2026-05-20T00:00:00Z");

    static ClickHouseConnector db;
    static StoredSnapshot v1;
    static StoredSnapshot v2;

    @BeforeAll
    static void twoFrozenVersions() throws Exception {
        db = new ClickHouseConnector(
                CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("verify_schedule"), "default", "", true);
        db.migrator().migrate();
        v1 = freeze(1, "100");
        v2 = freeze(2, "150");
        // Version 2 was verified 45 days before NOW: due again under a 30-day interval. Version 1 never was.
        new SnapshotStore(db::open)
                .add(new VerificationRun(
                        T,
                        MARCH.id(),
                        v2.snapshotId(),
                        "run-old",
                        NOW.minus(Duration.ofDays(45)).minusSeconds(60),
                        NOW.minus(Duration.ofDays(45)),
                        VerificationRun.Outcome.MATCH,
                        3,
                        0,
                        "{}",
                        v2.contentHash()));
    }

    static StoredSnapshot freeze(int version, String premium) {
        return freeze(db, T, version, premium);
    }

    /** Version {@code version} of {@code tenant}'s March in {@code into}: one employee's new-policy premium. */
    static StoredSnapshot freeze(ClickHouseConnector into, String tenant, int version, String premium) {
        SnapshotContent content = new SnapshotContent(
                tenant,
                MARCH,
                1,
                "none",
                "none",
                new EventLogPosition(3, 1774972799999L, Map.of("kpi.events.policy/0", 2L)),
                List.of(SnapshotLine.unscored(
                        SubjectType.EMPLOYEE,
                        "a-1",
                        "d-north",
                        new BigDecimal("8000"),
                        new TreeMap<>(Map.of(
                                "new_policy_premium",
                                new FrozenValue(
                                        new BigDecimal(premium), new BigDecimal(premium), null, null, null, 3))))));
        return Freezes.freeze(into, content, version, FROZEN_AT);
    }

    static VerificationWorker worker(String name, Instant at) {
        return worker(db, name, at);
    }

    static VerificationWorker worker(ClickHouseConnector on, String name, Instant at) {
        Clock clock = Clock.fixed(at, ZoneOffset.UTC);
        TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: " + T + ", zone: Asia/Shanghai}]");
        return new VerificationWorker(
                on,
                new SnapshotVerifier(
                        on,
                        SnapshotVerifierTest.ENGINE,
                        tenants,
                        new PeriodFigures(new ScoringStore(on::open, clock)),
                        clock),
                CatalogUpdate.of(CatalogYaml.templateLibraryText()),
                VerifySchedule.from(io.kpipulse.config.Settings.of(Map.of())),
                name,
                clock);
    }

    @Test
    void theScheduleRehashesEveryVersionAndAsksOnceForTheNewFreezeAndTheOneVerifiedTooLongAgo() {
        IntegrityChecks integrity = new IntegrityChecks(db::open);
        VerificationRequests requests = new VerificationRequests(db::open);

        assertEquals(
                new VerificationWorker.ScheduledPass(2, 0, 2),
                worker("worker-a", NOW).runSchedule());

        for (StoredSnapshot s : List.of(v1, v2)) {
            var check = integrity.latest(T, MARCH.id(), s.snapshotId()).orElseThrow();
            assertTrue(check.intact(), check.toString());
            assertEquals("worker-a", check.checkedBy());
            assertEquals(1, check.lineCount());
        }
        List<VerificationRequest> waiting = requests.waiting();
        assertEquals(
                java.util.stream.Stream.of(v1.snapshotId(), v2.snapshotId())
                        .sorted()
                        .toList(),
                waiting.stream().map(VerificationRequest::snapshotId).sorted().toList());
        for (VerificationRequest r : waiting) {
            assertEquals(VerificationWorker.SCHEDULE_ACTOR, r.requestedBy());
            assertEquals(
                    r.snapshotId().equals(v1.snapshotId())
                            ? "scheduled: new freeze, never verified"
                            : "scheduled: last verified " + NOW.minus(Duration.ofDays(45)),
                    r.reason());
        }

        // Another worker's pass an hour later: every version re-hashed within the day, both requests still open.
        assertEquals(
                new VerificationWorker.ScheduledPass(0, 0, 0),
                worker("worker-b", NOW.plus(Duration.ofHours(1))).runSchedule());
        assertEquals(2, requests.waiting().size());

        // Two days later the re-hashes are due again; the recomputations are still waiting for a worker.
        assertEquals(
                new VerificationWorker.ScheduledPass(2, 0, 0),
                worker("worker-b", NOW.plus(Duration.ofDays(2))).runSchedule());
        assertEquals(
                "worker-b",
                integrity.latest(T, MARCH.id(), v1.snapshotId()).orElseThrow().checkedBy());
        assertEquals(2, requests.open().size());
    }

    @Test
    void aFailedScheduledRecomputationIsAskedForAgainWithinTheDayAfterABackoffThatDoubles() throws Exception {
        // A database of its own: the passes here see only this version.
        ClickHouseConnector retries = new ClickHouseConnector(
                CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("verify_retry"), "default", "", true);
        retries.migrator().migrate();
        StoredSnapshot v = freeze(retries, T, 1, "100");
        VerificationRequests requests = new VerificationRequests(retries::open);

        assertEquals(
                new VerificationWorker.ScheduledPass(1, 0, 1),
                worker(retries, "worker-a", NOW).runSchedule());
        VerificationRequest first = failOnlyWaiting(requests, NOW.plusSeconds(60));

        // 3 min after the failure: within the first backoff (10 min), nothing asked.
        assertEquals(
                new VerificationWorker.ScheduledPass(0, 0, 0),
                worker(retries, "worker-a", NOW.plus(Duration.ofMinutes(4))).runSchedule());
        assertEquals(List.of(), requests.waiting());

        // 11 min after it, the same day: asked again, as a new request.
        assertEquals(
                new VerificationWorker.ScheduledPass(0, 0, 1),
                worker(retries, "worker-a", NOW.plus(Duration.ofMinutes(12))).runSchedule());
        List<VerificationRequest> again = requests.waiting();
        assertEquals(1, again.size());
        assertEquals(v.snapshotId(), again.get(0).snapshotId());
        assertNotEquals(first.requestId(), again.get(0).requestId());
        assertEquals(
                "scheduled: new freeze, never verified; retry 1 after the failure at " + NOW.plusSeconds(60),
                again.get(0).reason());

        // It fails too: the next wait is 20 min.
        Instant secondFailure = NOW.plus(Duration.ofMinutes(13));
        failOnlyWaiting(requests, secondFailure);
        assertEquals(
                new VerificationWorker.ScheduledPass(0, 0, 0),
                worker(retries, "worker-a", secondFailure.plus(Duration.ofMinutes(19)))
                        .runSchedule());
        assertEquals(
                new VerificationWorker.ScheduledPass(0, 0, 1),
                worker(retries, "worker-a", secondFailure.plus(Duration.ofMinutes(20)))
                        .runSchedule());
        assertEquals(3, requests.of(T, MARCH.id()).size());
    }

    /** A worker claims the one waiting request and reports it FAILED at {@code at}. */
    private static VerificationRequest failOnlyWaiting(VerificationRequests requests, Instant at) {
        List<VerificationRequest> waiting = requests.waiting();
        assertEquals(1, waiting.size());
        VerificationRequest r = waiting.get(0);
        assertTrue(requests.claim(r, "worker-x", at.minusMillis(10)));
        requests.failed(r, "worker-x", at, "StorageException: ClickHouse write failed");
        return r;
    }
}
