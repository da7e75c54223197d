package io.kpipulse.api.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.sse.SseClient;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.read.changes.ValueChange;
import io.kpipulse.read.changes.ValueChangeReader;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live feeds of all tenants: one {@link TenantFeed} and one polling task per tenant that someone
 * watches, however many clients watch it. A feed nobody has watched for {@link #IDLE_GRACE} stops polling
 * and is forgotten. Owns its threads: close it.
 */
public final class LiveHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    /** Long enough for a reload or a reconnect (the page retries after 1 s) to find its feed and replay. */
    static final Duration IDLE_GRACE = Duration.ofSeconds(30);

    private final ValueChangeReader reader;
    private final Supplier<IndicatorCatalog> catalog;
    private final ObjectMapper json;
    private final LiveConfig config;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService writers;
    private final Map<String, Running> feeds = new HashMap<>();

    private static final class Running {
        final TenantFeed feed;
        ScheduledFuture<?> polling;
        Instant idleSince;

        Running(TenantFeed feed) {
            this.feed = feed;
        }
    }

    public LiveHub(
            ValueChangeReader reader,
            Supplier<IndicatorCatalog> catalog,
            ObjectMapper json,
            LiveConfig config,
            Clock clock) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.json = Objects.requireNonNull(json, "json");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Executors.newScheduledThreadPool(2, daemon("kpi-live-poll"));
        this.writers = Executors.newCachedThreadPool(daemon("kpi-live-write"));
        long beat = config.heartbeat().toMillis();
        scheduler.scheduleAtFixedRate(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /**
     * Connects a client to its tenant's feed, starting the feed if it is the first. Greets the client with
     * a {@code connected} comment once it is subscribed: a change written after that reaches it.
     */
    void subscribe(String tenant, SseClient client, Predicate<ValueChange> scope, String lastEventId)
            throws SQLException {
        LiveSubscriber subscriber = new LiveSubscriber(EventSink.of(client), scope, config.clientQueue(), writers);
        TenantFeed feed;
        synchronized (this) {
            feed = running(tenant).feed;
            feed.subscribe(subscriber, lastEventId);
        }
        client.onClose(() -> feed.unsubscribe(subscriber));
        subscriber.comment("connected");
    }

    /**
     * Hands {@code listener} every batch of changes of the tenant written from now on (a change written after
     * this returns reaches it), starting the tenant's feed if needed; the feed keeps polling for as long as the
     * hub runs. One poller per tenant serves listeners and clients alike.
     */
    public void listen(String tenant, ChangeListener listener) throws SQLException {
        synchronized (this) {
            running(tenant).feed.listen(listener);
        }
    }

    /** The tenant's running feed, started (cursor at its newest row) and scheduled if it was not. */
    private Running running(String tenant) throws SQLException {
        Running running = feeds.get(tenant);
        if (running == null) {
            running = new Running(new TenantFeed(tenant, reader, catalog, json, config, clock.instant()));
            // Started here, not on the first tick, so nothing written after the greeting is taken for old.
            running.feed.start();
            Running scheduled = running;
            long every = config.pollInterval().toMillis();
            running.polling = scheduler.scheduleWithFixedDelay(
                    () -> tick(tenant, scheduled), every, every, TimeUnit.MILLISECONDS);
            feeds.put(tenant, running);
        }
        running.idleSince = null;
        return running;
    }

    /** Clients connected to a tenant's feed (0 when it has none); for tests and metrics. */
    public synchronized int clients(String tenant) {
        Running running = feeds.get(tenant);
        return running == null ? 0 : running.feed.subscriberCount();
    }

    /** Clients connected to any tenant's feed; for metrics. */
    public synchronized int clients() {
        int n = 0;
        for (Running running : feeds.values()) {
            n += running.feed.subscriberCount();
        }
        return n;
    }

    private void tick(String tenant, Running running) {
        try {
            running.feed.poll();
        } catch (SQLException | RuntimeException e) {
            if (scheduler.isShutdown()) {
                return; // Interrupted by close(): nothing failed.
            }
            // The next tick retries from the same cursor; nothing is skipped while ClickHouse is away.
            LOG.warn("live poll of tenant {} failed: {}", tenant, e.toString());
            running.feed.lost();
        }
        synchronized (this) {
            if (!running.feed.idle()) {
                running.idleSince = null;
            } else if (running.idleSince == null) {
                running.idleSince = clock.instant();
            } else if (Duration.between(running.idleSince, clock.instant()).compareTo(IDLE_GRACE) > 0) {
                running.polling.cancel(false);
                feeds.remove(tenant, running);
            }
        }
    }

    private void heartbeat() {
        List<Running> all;
        synchronized (this) {
            all = List.copyOf(feeds.values());
        }
        all.forEach(r -> r.feed.heartbeat());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        synchronized (this) {
            feeds.values().forEach(r -> r.feed.closeAll());
            feeds.clear();
        }
        writers.shutdownNow();
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
