package io.kpipulse.snapshots;

import io.kpipulse.periods.Period;
import io.kpipulse.read.sql.Connections;
import io.kpipulse.read.sql.Sql;
import io.kpipulse.read.sql.StorageException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where freezes stand, stored (V022 {@code snapshot_freeze_progress}) so that every API process shows the same: a
 * freeze started by one process is reported by the status route of any other. A freeze writes a RUNNING row per
 * phase it reaches, then DONE or FAILED. The phase rows are written by one background thread in the order
 * reported, so a freeze never waits for its progress; {@link Freeze#done} and {@link Freeze#failed} wait for them
 * and write the last row before the freeze returns. Insert-only.
 *
 * <p>While a freeze runs, the same thread repeats its newest RUNNING row every {@link #DEFAULT_HEARTBEAT} (a
 * heartbeat row, message {@value #HEARTBEAT_MESSAGE}), so a process that dies in the middle of a freeze is told apart
 * from a slow one: a RUNNING row older than {@link #DEFAULT_ABANDONED_AFTER} reads as {@link State#ABANDONED}, with
 * the reason. Any process may then freeze the period again (a stale row never blocks a freeze: freezes are
 * serialised per process and the store admits one header per version).
 */
public final class FreezeProgressLog {

    private static final Logger LOG = LoggerFactory.getLogger(FreezeProgressLog.class);

    /** A freeze as its newest row has it. */
    public record FreezeRun(
            String freezeId,
            int version,
            String actor,
            Instant startedAt,
            Instant updatedAt,
            State state,
            String phase,
            long done,
            long total,
            String message) {}

    public enum State {
        RUNNING,
        DONE,
        FAILED,
        /** Stored as RUNNING, but its process has written no row for longer than the bound: it stopped. Never stored. */
        ABANDONED
    }

    /** How often a running freeze repeats its newest row. */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(5);

    /** A RUNNING row older than this is a freeze whose process stopped: six heartbeats missed. */
    public static final Duration DEFAULT_ABANDONED_AFTER = Duration.ofSeconds(30);

    /** The message of a heartbeat row (the phase, done and total repeat the newest row's). */
    public static final String HEARTBEAT_MESSAGE = "heartbeat";

    private final Connections connections;
    private final Clock clock;
    private final Duration heartbeat;
    private final Duration abandonedAfter;
    /** The newest freeze-id stamp this instance gave, so that its stamps only grow (see {@link #nextFreezeId}). */
    private final AtomicLong lastStamp = new AtomicLong();

    public FreezeProgressLog(Connections connections, Clock clock) {
        this(connections, clock, DEFAULT_HEARTBEAT, DEFAULT_ABANDONED_AFTER);
    }

    /**
     * A log whose freezes repeat their newest row every {@code heartbeat} and whose reads take a RUNNING row older than
     * {@code abandonedAfter} (longer than the heartbeat) for an abandoned freeze.
     */
    public FreezeProgressLog(Connections connections, Clock clock, Duration heartbeat, Duration abandonedAfter) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.heartbeat = Objects.requireNonNull(heartbeat, "heartbeat");
        this.abandonedAfter = Objects.requireNonNull(abandonedAfter, "abandonedAfter");
        if (heartbeat.isNegative() || heartbeat.isZero() || abandonedAfter.compareTo(heartbeat) <= 0) {
            throw new IllegalArgumentException("a freeze is abandoned only after more than one heartbeat");
        }
    }

    /** Records the start of a freeze of {@code version} by {@code actor}; report its phases to the answer. */
    public Freeze start(String tenantId, Period period, int version, String actor) {
        Freeze f = new Freeze(tenantId, period.id(), nextFreezeId(), version, actor, clock.instant());
        f.report("starting", 0, 0);
        return f;
    }

    /**
     * A freeze id that sorts in the order freezes were started: the tie-break of {@link #latest} between freezes of
     * one {@code started_at} and version (a fixed clock, or two starts within a millisecond). {@code fr-}, the start
     * in nanoseconds since the epoch as 16 hex digits (the system clock, and at least the previous stamp + 1 of this
     * instance, so one process's freezes are strictly ordered even within a clock tick), then 8 random hex digits
     * (two processes in one nanosecond still get distinct ids). Freezes started before this rule have ids
     * {@code f-<random UUID>}: {@code fr-} sorts after {@code f-}, so a new freeze outranks an old one of the same
     * time (as {@link IntegrityChecks#nextCheckId} does for checks).
     */
    String nextFreezeId() {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        long stamp = lastStamp.accumulateAndGet(nanos, (last, n) -> Math.max(last + 1, n));
        return String.format("fr-%016x-%08x", stamp, ThreadLocalRandom.current().nextInt());
    }

    /**
     * The period's newest freeze (the one started last; equal start times and versions: the one whose id was given
     * last, see {@link #nextFreezeId}), or empty when it was never frozen here. A RUNNING freeze whose
     * newest row is older than the abandon bound is answered ABANDONED, its message saying why.
     */
    public Optional<FreezeRun> latest(String tenantId, Period period) {
        return stored(tenantId, period).map(this::truthful);
    }

    private FreezeRun truthful(FreezeRun run) {
        Instant now = clock.instant();
        if (run.state() != State.RUNNING
                || !run.updatedAt().plus(abandonedAfter).isBefore(now)) {
            return run;
        }
        return new FreezeRun(
                run.freezeId(),
                run.version(),
                run.actor(),
                run.startedAt(),
                run.updatedAt(),
                State.ABANDONED,
                run.phase(),
                run.done(),
                run.total(),
                "no progress stored since " + run.updatedAt() + " ("
                        + Duration.between(run.updatedAt(), now).toSeconds()
                        + " s; a running freeze stores a row every " + heartbeat.toSeconds() + " s): its process"
                        + " stopped; the period may be frozen again");
    }

    private Optional<FreezeRun> stored(String tenantId, Period period) {
        return Sql.query(
                        connections,
                        "SELECT freeze_id, version, actor, toUnixTimestamp64Milli(started_at) AS started_ms,"
                                + " toUnixTimestamp64Milli(at) AS at_ms, state, phase, done, total, message"
                                + " FROM snapshot_freeze_progress WHERE tenant_id = ? AND period = ?"
                                + " ORDER BY started_at DESC, version DESC, freeze_id DESC, seq DESC LIMIT 1",
                        List.of(tenantId, period.id()),
                        rs -> new FreezeRun(
                                rs.getString("freeze_id"),
                                (int) rs.getLong("version"),
                                rs.getString("actor"),
                                Instant.ofEpochMilli(rs.getLong("started_ms")),
                                Instant.ofEpochMilli(rs.getLong("at_ms")),
                                State.valueOf(rs.getString("state")),
                                rs.getString("phase"),
                                rs.getLong("done"),
                                rs.getLong("total"),
                                rs.getString("message")))
                .stream()
                .findFirst();
    }

    /** One running freeze's reporter: its phases (from any thread: the line writers report in parallel), then how it ended. */
    public final class Freeze implements CaptureProgress {

        private final String tenantId;
        private final String period;
        private final String freezeId;
        private final int version;
        private final String actor;
        private final Instant startedAt;
        private final ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "freeze-progress");
            t.setDaemon(true);
            return t;
        });
        private Future<?> lastWrite;
        private int seq;
        private String lastPhase = "starting";
        private long lastDone;
        private long lastTotal;
        private boolean finished;

        private Freeze(String tenantId, String period, String freezeId, int version, String actor, Instant startedAt) {
            this.tenantId = tenantId;
            this.period = period;
            this.freezeId = freezeId;
            this.version = version;
            this.actor = actor;
            this.startedAt = startedAt;
            long every = heartbeat.toMillis();
            writer.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
        }

        @Override
        public synchronized void report(String phase, long done, long total) {
            int n = seq++;
            Instant at = clock.instant();
            lastPhase = phase;
            lastDone = done;
            lastTotal = total;
            lastWrite = writer.submit(() -> insert(n, at, State.RUNNING, phase, done, total, ""));
        }

        /** The heartbeat: the newest row again, now. On the writer thread, so it never overtakes a phase row. */
        private void beat() {
            int n;
            String phase;
            long done;
            long total;
            synchronized (this) {
                if (finished) {
                    return;
                }
                n = seq++;
                phase = lastPhase;
                done = lastDone;
                total = lastTotal;
            }
            try {
                insert(n, clock.instant(), State.RUNNING, phase, done, total, HEARTBEAT_MESSAGE);
            } catch (StorageException e) {
                // A missed beat is retried at the next one; a scheduled task that throws would stop beating.
                LOG.warn("freeze {} of {} {}: a heartbeat row was not stored", freezeId, tenantId, period, e);
            }
        }

        /** The freeze wrote its snapshot. */
        public void done() {
            finish(State.DONE, "frozen", "");
        }

        /** The freeze failed; {@code message} says why (no personal data). */
        public void failed(String message) {
            finish(State.FAILED, "failed", message);
        }

        private void finish(State state, String phase, String message) {
            Future<?> last;
            synchronized (this) {
                finished = true;
                last = lastWrite;
            }
            // Not holding the lock while waiting: a heartbeat on the writer thread takes it. Shut down, the writer
            // runs no further beat and ends once the phase rows queued are written.
            writer.shutdown();
            try {
                if (last != null) {
                    last.get();
                }
                writer.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // A phase row that could not be written is not worth failing the freeze for: the last row says how
                // it ended.
            }
            int n;
            synchronized (this) {
                n = seq++;
            }
            try {
                insert(n, clock.instant(), state, phase, 0, 0, message);
            } catch (StorageException e) {
                // The snapshot is written (or the freeze failed for its own reason): a progress row that could not be
                // stored must not change the freeze's outcome. The status then shows the last phase stored.
                LOG.warn("freeze {} of {} {}: its {} row was not stored", freezeId, tenantId, period, state, e);
            }
        }

        private void insert(int n, Instant at, State state, String phase, long done, long total, String message) {
            try (Connection c = connections.open();
                    PreparedStatement ps = c.prepareStatement("INSERT INTO snapshot_freeze_progress (tenant_id, period,"
                            + " freeze_id, version, actor, started_at, seq, at, state, phase, done, total, message)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, tenantId);
                ps.setString(2, period);
                ps.setString(3, freezeId);
                ps.setLong(4, version);
                ps.setString(5, actor);
                ps.setObject(6, LocalDateTime.ofInstant(startedAt, ZoneOffset.UTC));
                ps.setLong(7, n);
                ps.setObject(8, LocalDateTime.ofInstant(at, ZoneOffset.UTC));
                ps.setString(9, state.name());
                ps.setString(10, phase);
                ps.setLong(11, done);
                ps.setLong(12, total);
                ps.setString(13, message);
                ps.executeUpdate();
            } catch (SQLException e) {
                throw new StorageException("ClickHouse write failed", e);
            }
        }
    }
}
