package io.kpipulse.api.indicators;

import io.kpipulse.api.live.ChangeListener;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.read.changes.ValueChange;
import io.kpipulse.read.values.InMemoryValues;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads every tenant's values into {@link InMemoryValues} at start and keeps them current: each tenant's live
 * change feed is listened to first, then the values are loaded (so nothing written in between is missed), and
 * every batch of news is offered to the memory, refreshed in place. A failed poll may hide news: the tenant is
 * answered from ClickHouse until it is loaded again. A load that fails (ClickHouse away at start) is retried.
 * Every {@code reloadInterval} each tenant is read again and merged while it keeps answering from memory: a
 * safety net for what the feed cannot show (rows changed in place by a mutation, a replicated table whose block
 * numbers do not follow the order rows become visible in). Owns one thread: close it.
 */
public final class CurrentValuesFeed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CurrentValuesFeed.class);
    private static final long RETRY_SECONDS = 5;
    private static final long ROLL_CHECK_SECONDS = 60;

    private final InMemoryValues memory;
    private final ValueCache.ChangeFeed feed;
    private final TenantDirectory tenants;
    private final CurrentValuesConfig config;
    private final java.time.Duration reloadInterval;
    private final ScheduledExecutorService loader;
    private final Set<String> listening = new HashSet<>();
    private final Set<String> pending = new HashSet<>();
    private final Set<String> reloading = new HashSet<>();

    public CurrentValuesFeed(
            InMemoryValues memory, ValueCache.ChangeFeed feed, TenantDirectory tenants, CurrentValuesConfig config) {
        this.memory = Objects.requireNonNull(memory, "memory");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.config = Objects.requireNonNull(config, "config");
        this.reloadInterval = config.reloadInterval();
        this.loader = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kpi-memory-load");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts loading every tenant of the directory, one after the other, in the background, and checks once a
     * minute whether a tenant's day moved on ({@link #rollOver}).
     */
    public void start() {
        for (TenantDirectory.Tenant tenant : tenants.all()) {
            schedule(tenant, 0);
        }
        loader.scheduleWithFixedDelay(this::rollOver, ROLL_CHECK_SECONDS, ROLL_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * Drops from memory, in place, what each tenant's horizon of today no longer keeps (the month that left the
     * kept months, the day that left the kept days), so memory does not grow with the months the process runs and
     * the tenant keeps answering from memory (a reload would too, but only every reload interval, or never).
     */
    void rollOver() {
        for (TenantDirectory.Tenant tenant : tenants.all()) {
            try {
                long dropped = memory.roll(tenant.id(), config.horizon(tenant.today(tenants.clock())));
                if (dropped > 0) {
                    LOG.info("tenant {}: day rolled over, {} values no longer kept dropped", tenant.id(), dropped);
                }
            } catch (RuntimeException e) {
                // A periodic task that throws is never run again: log, and try again at the next check.
                LOG.warn("tenant {}: day roll-over failed: {}", tenant.id(), e.toString());
            }
        }
    }

    /** The values it keeps current (for their figures: values kept, slots). */
    public InMemoryValues memory() {
        return memory;
    }

    /** Whether the tenant's values are loaded and answered from memory. */
    public boolean ready(String tenantId) {
        return memory.ready(tenantId);
    }

    private void schedule(TenantDirectory.Tenant tenant, long delaySeconds) {
        synchronized (pending) {
            if (!pending.add(tenant.id())) {
                return; // a load is already due, and it reads everything written before it starts
            }
        }
        loader.schedule(() -> keep(tenant), delaySeconds, TimeUnit.SECONDS);
    }

    private void keep(TenantDirectory.Tenant tenant) {
        synchronized (pending) {
            pending.remove(tenant.id());
        }
        try {
            listen(tenant);
            long started = System.nanoTime();
            long kept = memory.load(tenant.id(), config.horizon(tenant.today(tenants.clock())));
            LOG.info(
                    "tenant {}: {} values in memory, loaded in {} ms",
                    tenant.id(),
                    kept,
                    (System.nanoTime() - started) / 1_000_000);
            reloadEveryInterval(tenant);
        } catch (SQLException | RuntimeException e) {
            LOG.warn(
                    "tenant {}: values not in memory yet (read from ClickHouse), retrying in {} s: {}",
                    tenant.id(),
                    RETRY_SECONDS,
                    e.toString());
            schedule(tenant, RETRY_SECONDS);
        }
    }

    /** From the first successful load on, the tenant is read again every interval (one schedule per tenant). */
    private void reloadEveryInterval(TenantDirectory.Tenant tenant) {
        if (reloadInterval.isZero()) {
            return;
        }
        synchronized (reloading) {
            if (!reloading.add(tenant.id())) {
                return;
            }
        }
        long every = reloadInterval.toMillis();
        loader.scheduleWithFixedDelay(() -> keep(tenant), every, every, TimeUnit.MILLISECONDS);
    }

    /** Listens to the tenant's feed once, before its first load. */
    private void listen(TenantDirectory.Tenant tenant) throws SQLException {
        synchronized (listening) {
            if (listening.contains(tenant.id())) {
                return;
            }
        }
        feed.listen(tenant.id(), new ChangeListener() {
            @Override
            public void changed(List<ValueChange> news) {
                memory.offer(
                        tenant.id(),
                        news.stream().flatMap(c -> c.asValue().stream()).toList());
            }

            @Override
            public void lost() {
                memory.suspend(tenant.id());
                schedule(tenant, 0);
            }
        });
        synchronized (listening) {
            listening.add(tenant.id());
        }
    }

    @Override
    public void close() {
        loader.shutdownNow();
    }
}
