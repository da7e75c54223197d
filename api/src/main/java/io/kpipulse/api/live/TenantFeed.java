package io.kpipulse.api.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.read.changes.ChangePage;
import io.kpipulse.read.changes.ValueChange;
import io.kpipulse.read.changes.ValueChangeReader;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/**
 * The one poller of a tenant: reads the rows that became visible after its cursor, turns the news into numbered events, keeps
 * the last few for Last-Event-ID, and offers each to every subscriber. Polls run on one scheduler thread
 * at a time per feed (never concurrently with themselves).
 */
final class TenantFeed {

    /** Pages of {@code pollLimit} rows one poll reads at most when a burst exceeds one page. */
    private static final int MAX_PAGES = 5;

    private final String tenant;
    private final ValueChangeReader reader;
    private final Supplier<IndicatorCatalog> catalog;
    private final ObjectMapper json;
    private final LiveConfig config;
    /** Distinguishes this feed's sequence numbers from those of an earlier feed (or server) of the tenant. */
    private final String epoch;

    private final Set<LiveSubscriber> subscribers = new CopyOnWriteArraySet<>();
    private final Set<ChangeListener> listeners = new CopyOnWriteArraySet<>();
    private final ArrayDeque<LiveEvent> replay = new ArrayDeque<>();
    private ChangeCursor cursor;
    private long sequence;

    TenantFeed(
            String tenant,
            ValueChangeReader reader,
            Supplier<IndicatorCatalog> catalog,
            ObjectMapper json,
            LiveConfig config,
            Instant started) {
        this.tenant = Objects.requireNonNull(tenant, "tenant");
        this.reader = Objects.requireNonNull(reader, "reader");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.json = Objects.requireNonNull(json, "json");
        this.config = Objects.requireNonNull(config, "config");
        this.epoch = Long.toString(started.toEpochMilli(), 36);
    }

    /** Starts the cursor after the newest block there is, so a new feed pushes only what becomes visible from now on. */
    void start() throws SQLException {
        ChangeCursor fresh = new ChangeCursor(reader.newestBlock(), config.versionMemory());
        synchronized (this) {
            cursor = fresh;
        }
    }

    boolean started() {
        synchronized (this) {
            return cursor != null;
        }
    }

    /** One poll: publishes what became visible since the last one; returns how many events it published. */
    int poll() throws SQLException {
        long after;
        synchronized (this) {
            after = cursor.block();
        }
        int published = 0;
        for (int page = 0; page < MAX_PAGES; page++) {
            ChangePage rows = reader.after(tenant, after, config.pollLimit());
            synchronized (this) {
                List<ValueChange> news = cursor.accept(rows);
                for (ValueChange change : news) {
                    publish(change);
                    published++;
                }
                if (!news.isEmpty()) {
                    listeners.forEach(l -> l.changed(news));
                }
            }
            // A burst beyond the pages is read on by the next poll.
            if (rows.rows().size() < config.pollLimit()) {
                break;
            }
            after = rows.newestBlock();
        }
        return published;
    }

    /**
     * Adds a subscriber, first replaying the kept events after {@code lastEventId} when it names one of
     * this feed's events (an unknown or too old id replays nothing: the client reloads what it shows).
     */
    synchronized void subscribe(LiveSubscriber subscriber, String lastEventId) {
        long after = replayAfter(lastEventId);
        if (after >= 0) {
            for (LiveEvent event : replay) {
                if (event.sequence() > after) {
                    subscriber.offer(event);
                }
            }
        }
        subscribers.add(subscriber);
    }

    void unsubscribe(LiveSubscriber subscriber) {
        subscribers.remove(subscriber);
    }

    /** Adds a listener to every batch of news from now on; a feed with a listener is never idle. */
    void listen(ChangeListener listener) {
        listeners.add(listener);
    }

    /** A poll failed: news may be missed until the next poll succeeds, so listeners forget what they know. */
    void lost() {
        listeners.forEach(ChangeListener::lost);
    }

    boolean idle() {
        subscribers.removeIf(LiveSubscriber::closed);
        return subscribers.isEmpty() && listeners.isEmpty();
    }

    void heartbeat() {
        subscribers.forEach(LiveSubscriber::heartbeat);
    }

    void closeAll() {
        subscribers.forEach(LiveSubscriber::close);
        subscribers.clear();
    }

    int subscriberCount() {
        return subscribers.size();
    }

    private long replayAfter(String lastEventId) {
        if (lastEventId == null || !lastEventId.startsWith(epoch + "-")) {
            return -1;
        }
        try {
            long seq = Long.parseLong(lastEventId.substring(epoch.length() + 1));
            LiveEvent oldest = replay.peekFirst();
            // Events between the id and the oldest kept one are gone: replaying the rest would leave a hole.
            return oldest == null || seq >= oldest.sequence() - 1 ? seq : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void publish(ValueChange change) {
        long seq = ++sequence;
        LiveEvent event = new LiveEvent(epoch + "-" + seq, seq, serialise(change), change);
        if (config.replay() > 0) {
            if (replay.size() == config.replay()) {
                replay.removeFirst();
            }
            replay.addLast(event);
        }
        for (LiveSubscriber subscriber : subscribers) {
            if (!subscriber.offer(event)) {
                subscribers.remove(subscriber);
            }
        }
    }

    private String serialise(ValueChange change) {
        try {
            return json.writeValueAsString(ChangeEvent.of(
                    change, catalog.get().find(change.indicatorId()).orElse(null)));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
