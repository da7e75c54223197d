package io.kpipulse.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Freeze progress as every process reads it, over a real ClickHouse: a freeze whose process stops (it reports a
 * phase, then never writes again) reads as ABANDONED once its newest row is older than the bound, and another
 * process may then freeze the period; a freeze that is alive keeps its RUNNING row fresh with heartbeats.
 */
class FreezeProgressLogTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Period MARCH = Period.parse("2026-03");
    private static final Instant T0 = Instant.parse("2026-04-02T02:00:00Z");

    static Connections connections;

    @BeforeAll
    static void migrate() throws Exception {
        String db = CLICKHOUSE.freshDatabase("freeze_progress");
        ClickHouseConnector connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), db, "default", "", true);
        connector.migrator().migrate();
        connections = connector::open;
    }

    /** A clock the test moves: the two "processes" read time from it. */
    static final class MovingClock extends Clock {
        private volatile Instant now;

        MovingClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void aFreezeWhoseProcessStoppedReadsAbandonedAfterTheBoundAndTheNextFreezeRuns() throws Exception {
        MovingClock clock = new MovingClock(T0);
        // The first process: heartbeats far apart (it "stops" after its phase row: no beat comes within the test).
        FreezeProgressLog dying = new FreezeProgressLog(connections, clock, Duration.ofHours(1), Duration.ofHours(2));
        FreezeProgressLog.Freeze stopped = dying.start("t-stop", MARCH, 1, "t-stop/hr");
        stopped.report("org", 1, 4);
        // The other process reads with the default bound (30 s).
        FreezeProgressLog other = new FreezeProgressLog(connections, clock);
        FreezeProgressLog.FreezeRun running = await(() -> other.latest("t-stop", MARCH)
                .filter(r -> r.phase().equals("org"))
                .orElse(null));
        assertEquals(FreezeProgressLog.State.RUNNING, running.state());

        clock.set(T0.plusSeconds(30)); // exactly the bound: still running
        assertEquals(
                FreezeProgressLog.State.RUNNING,
                other.latest("t-stop", MARCH).orElseThrow().state());

        clock.set(T0.plusSeconds(31));
        FreezeProgressLog.FreezeRun abandoned = other.latest("t-stop", MARCH).orElseThrow();
        assertEquals(FreezeProgressLog.State.ABANDONED, abandoned.state());
        assertEquals(running.freezeId(), abandoned.freezeId());
        assertEquals("org", abandoned.phase());
        assertEquals(T0, abandoned.updatedAt());
        assertEquals(
                "no progress stored since 2026-04-02T02:00:00Z (31 s; a running freeze stores a row every 5 s): its"
                        + " process stopped; the period may be frozen again",
                abandoned.message());

        // A new freeze of the period, by the other process, is the newest and runs.
        clock.set(T0.plusSeconds(40));
        FreezeProgressLog.Freeze again = other.start("t-stop", MARCH, 1, "t-stop/hr2");
        again.done();
        FreezeProgressLog.FreezeRun done = other.latest("t-stop", MARCH).orElseThrow();
        assertNotEquals(running.freezeId(), done.freezeId());
        assertEquals(FreezeProgressLog.State.DONE, done.state());
        assertEquals("t-stop/hr2", done.actor());
    }

    @Test
    void aLiveFreezeStaysRunningOnItsHeartbeatsAndStopsBeatingWhenDone() throws Exception {
        Clock clock = Clock.systemUTC();
        Duration beat = Duration.ofMillis(100);
        FreezeProgressLog log = new FreezeProgressLog(connections, clock, beat, Duration.ofMillis(1_000));
        FreezeProgressLog.Freeze live = log.start("t-live", MARCH, 1, "t-live/hr");
        live.report("org", 1, 4);
        // Several beats come; the newest row keeps the phase and is recent, so the freeze reads running.
        await(() -> heartbeats("t-live") >= 3 ? true : null);
        FreezeProgressLog.FreezeRun run = log.latest("t-live", MARCH).orElseThrow();
        assertEquals(FreezeProgressLog.State.RUNNING, run.state());
        assertEquals("org", run.phase());
        assertEquals(1, run.done());
        assertTrue(run.updatedAt().isAfter(clock.instant().minusSeconds(1)), run.toString());

        live.done();
        long beatsAtTheEnd = heartbeats("t-live");
        assertEquals(
                FreezeProgressLog.State.DONE,
                log.latest("t-live", MARCH).orElseThrow().state());
        // No beat after the final row: the writer is shut down (the DONE row stays the newest).
        Thread.sleep(3 * beat.toMillis());
        assertEquals(beatsAtTheEnd, heartbeats("t-live"));
        assertEquals(
                FreezeProgressLog.State.DONE,
                log.latest("t-live", MARCH).orElseThrow().state());
    }

    @Test
    void freezesStartedAtOneInstantAreOrderedByTheirStartNotByARandomId() {
        // A fixed clock: every freeze has the same started_at and version, so only the id breaks the tie.
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        FreezeProgressLog log = new FreezeProgressLog(connections, fixed, Duration.ofHours(1), Duration.ofHours(2));
        FreezeProgressLog other = new FreezeProgressLog(connections, fixed, Duration.ofHours(1), Duration.ofHours(2));
        for (int i = 0; i < 8; i++) {
            // Two "processes" in turn: their ids still sort in start order.
            (i % 2 == 0 ? log : other).start("t-tie", MARCH, 1, "t-tie/hr-" + i).done();
            assertEquals(
                    "t-tie/hr-" + i, log.latest("t-tie", MARCH).orElseThrow().actor(), "after freeze " + i);
        }
    }

    private static long heartbeats(String tenant) {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count() FROM snapshot_freeze_progress WHERE tenant_id = '"
                        + tenant + "' AND message = '" + FreezeProgressLog.HEARTBEAT_MESSAGE + "'")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until {@code probe} answers (the progress rows are written by a background thread), at most 30 s. */
    private static <T> T await(Supplier<T> probe) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            T answer = probe.get();
            if (answer != null) {
                return answer;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("not reached within 30 s");
    }
}
