package io.kpipulse.api.snapshots;

import io.kpipulse.api.http.BadRequestException;
import io.kpipulse.api.tenants.TenantDirectory.Tenant;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.periods.Period;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.FreezeProgressLog;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotContent;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.snapshots.StoredSnapshot;
import io.kpipulse.snapshots.Transition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Freezes, publishes and re-opens periods. One lock per tenant and period in this process serialises every
 * change of a period, so concurrent freeze requests give one snapshot: the first captures and writes it, the
 * others then find it and return it (a repeated freeze is idempotent). Across processes the snapshot id is
 * deterministic and the store lets only the first header of a version count.
 *
 * <p>A running freeze reports its phases to {@link FreezeProgressLog}, stored, so the status route of any API process
 * shows it.
 *
 * <p>A period may be frozen once the engine's progress (the tenant's newest accepted event time, see
 * {@link EventLog}) has passed the period's end plus the grace; earlier only with force and a reason.
 */
public final class FreezeService {

    /** What a freeze request did: the snapshot, and whether this request created it. */
    public record FreezeOutcome(StoredSnapshot snapshot, boolean created) {}

    private final SnapshotStore store;
    private final SnapshotCapture capture;
    private final EventLog eventLog;
    private final Supplier<IndicatorCatalog> catalog;
    private final CloseConfig config;
    private final Clock clock;
    private final FreezeProgressLog progress;
    private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

    public FreezeService(
            SnapshotStore store,
            SnapshotCapture capture,
            EventLog eventLog,
            FreezeProgressLog progress,
            Supplier<IndicatorCatalog> catalog,
            CloseConfig config,
            Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.capture = Objects.requireNonNull(capture, "capture");
        this.eventLog = Objects.requireNonNull(eventLog, "eventLog");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    public PeriodState state(String tenantId, Period period) {
        return new PeriodState(period, store.versions(tenantId, period), store.transitions(tenantId, period));
    }

    /** When the period may be frozen without force, and whether the engine is past it. */
    public record Readiness(Instant freezableFrom, Instant engineNewestEventTime, boolean freezable) {}

    public Readiness readiness(Tenant tenant, Period period) {
        Instant from = period.endExclusive(tenant.calendar().zone()).plus(config.grace());
        Optional<Instant> newest = eventLog.newestEventTime(tenant.id());
        return new Readiness(
                from, newest.orElse(null), newest.map(t -> !t.isBefore(from)).orElse(false));
    }

    /** The period's newest freeze as recorded by whichever API process ran it: running, done or failed. */
    public Optional<FreezeProgressLog.FreezeRun> lastFreeze(String tenantId, Period period) {
        return progress.latest(tenantId, period);
    }

    /**
     * Freezes the period, or returns its current snapshot when it is frozen already. Refused (409 NOT_READY)
     * before the engine passed the period's end + grace unless forced with a reason.
     */
    public FreezeOutcome freeze(Tenant tenant, Period period, String actor, boolean force, String reason) {
        if (force && (reason == null || reason.isBlank())) {
            throw new BadRequestException("reason", "a forced freeze needs a reason");
        }
        return locked(tenant.id(), period, () -> {
            PeriodState state = state(tenant.id(), period);
            Optional<StoredSnapshot> current = state.current();
            if (current.isPresent()) {
                return new FreezeOutcome(current.get(), false);
            }
            Readiness readiness = readiness(tenant, period);
            if (!readiness.freezable() && !force) {
                throw new SnapshotConflictException(
                        "NOT_READY",
                        "period " + period.id() + " may be frozen once the engine has passed "
                                + readiness.freezableFrom() + " (its end + " + config.grace()
                                + "); the newest event is " + readiness.engineNewestEventTime()
                                + "; freeze earlier with force and a reason");
            }
            int version = state.versions().size() + 1;
            return new FreezeOutcome(
                    write(tenant, period, version, actor, reason, force && !readiness.freezable()), true);
        });
    }

    /** Publishes the current snapshot to employees; publishing it again changes nothing. */
    public StoredSnapshot publish(Tenant tenant, Period period, String actor, String reason) {
        return locked(tenant.id(), period, () -> {
            PeriodState state = state(tenant.id(), period);
            StoredSnapshot current = state.current()
                    .orElseThrow(() -> new SnapshotConflictException(
                            "NOT_FROZEN", "period " + period.id() + " has no frozen snapshot to publish"));
            if (state.status() != PeriodState.Status.PUBLISHED) {
                store.record(transition(current, Transition.Kind.PUBLISHED, actor, reason));
            }
            return current;
        });
    }

    /**
     * Re-opens the period: the current version is marked re-opened (it stays readable, with its hash) and a new
     * version is frozen from the values as they are now, late events included.
     */
    public FreezeOutcome reopen(Tenant tenant, Period period, String actor, String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason", "a re-open needs a reason");
        }
        return locked(tenant.id(), period, () -> {
            PeriodState state = state(tenant.id(), period);
            StoredSnapshot current = state.current()
                    .orElseThrow(() -> new SnapshotConflictException(
                            "NOT_FROZEN", "period " + period.id() + " is open: freeze it instead"));
            store.record(transition(current, Transition.Kind.REOPENED, actor, reason));
            return new FreezeOutcome(write(tenant, period, current.version() + 1, actor, reason, false), true);
        });
    }

    private StoredSnapshot write(
            Tenant tenant, Period period, int version, String actor, String reason, boolean forced) {
        FreezeProgressLog.Freeze report = progress.start(tenant.id(), period, version, actor);
        try {
            ZoneId zone = tenant.calendar().zone();
            SnapshotContent content = capture.capture(
                    tenant.id(),
                    period,
                    zone,
                    catalog.get(),
                    eventLog.positionBefore(tenant.id(), period.endExclusive(zone)),
                    report);
            // Hashed while its lines are written; the header once both are done.
            StoredSnapshot header = store.writeNew(
                    content,
                    version,
                    UUID.randomUUID().toString(),
                    actor,
                    clock.instant(),
                    reason,
                    forced,
                    h -> transition(h, Transition.Kind.FROZEN, actor, reason),
                    report);
            report.done();
            return header;
        } catch (RuntimeException | Error e) {
            // An Error too (out of memory, a stack overflow, a linkage error): the process lives on, so unless the
            // freeze ends FAILED here its heartbeat goes on and the period reads "running" for ever.
            // The class and message only: no figures or names reach the status route.
            report.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private Transition transition(StoredSnapshot s, Transition.Kind kind, String actor, String reason) {
        return new Transition(
                s.tenantId(),
                s.period().id(),
                s.snapshotId(),
                s.version(),
                kind,
                actor,
                clock.instant(),
                reason == null ? "" : reason);
    }

    private <T> T locked(String tenantId, Period period, Supplier<T> action) {
        ReentrantLock lock = locks.computeIfAbsent(key(tenantId, period), k -> new ReentrantLock());
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    private static String key(String tenantId, Period period) {
        return tenantId + '|' + period.id();
    }
}
