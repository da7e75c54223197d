package io.kpipulse.api.indicators;

import io.kpipulse.api.live.ChangeListener;
import io.kpipulse.read.changes.ValueChange;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small read-through cache of dashboard answers, per tenant, emptied by the tenant's live change feed.
 *
 * <p>Each answer names what it was read from ({@link Dependency}: an indicator of every subject, an indicator
 * of one subject, or every indicator of one subject); a newly written value version of indicator {@code i}
 * and subject {@code s} drops every answer that depends on {@code (i, *)}, {@code (i, s)} or {@code (*, s)}.
 * Window types are not told apart (a DAY row changes the rolling windows assembled from it), which drops more
 * than needed and never less.
 *
 * <p>Freshness: an answer is served from the cache only while no version written after it was read has
 * been seen by the feed, so a cached answer lags the table by at most one poll of the feed (poll interval
 * plus the poll's own time) — the same as what the live feed pushes. A read that overlaps a batch of news is
 * not stored (a generation per tenant), so a stale read never outlives the news that made it stale. A
 * failed poll empties the tenant's cache. Answers also expire after {@code maxAge}: names and scopes come
 * from the org directory, which the value feed does not watch.
 */
public final class ValueCache {

    private static final Logger LOG = LoggerFactory.getLogger(ValueCache.class);

    /** What an answer was read from; a null field means "any". */
    public record Dependency(String indicatorId, String subjectId) {}

    /** Starts handing a tenant's changes to a listener ({@link io.kpipulse.api.live.LiveHub#listen}). */
    @FunctionalInterface
    public interface ChangeFeed {
        void listen(String tenant, ChangeListener listener) throws SQLException;
    }

    private final int maxEntries;
    private final Duration maxAge;
    private final ChangeFeed feed;
    private final LongSupplier nanoTime;
    private final Map<String, TenantCache> tenants = new HashMap<>();

    public ValueCache(int maxEntries, Duration maxAge, ChangeFeed feed, LongSupplier nanoTime) {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("cache entries must not be negative, got " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
        this.feed = Objects.requireNonNull(feed, "feed");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * The cached answer of {@code key}, or {@code read}'s (stored when no news arrived meanwhile). An exception
     * of {@code read} is thrown as is and nothing is stored.
     */
    public <T> T get(String tenant, Object key, Set<Dependency> dependencies, Supplier<T> read) {
        TenantCache cache = maxEntries == 0 ? null : tenant(tenant);
        if (cache == null) {
            return read.get();
        }
        long now = nanoTime.getAsLong();
        Object hit = cache.lookup(key, now);
        if (hit != null) {
            @SuppressWarnings("unchecked") // stored by this method under the same key
            T value = (T) hit;
            return value;
        }
        long generation = cache.generation();
        T value = read.get();
        if (value != null) {
            cache.store(key, dependencies, value, generation, now);
        }
        return value;
    }

    /** Answers held for the tenant; for tests. */
    public int size(String tenant) {
        TenantCache cache;
        synchronized (this) {
            cache = tenants.get(tenant);
        }
        return cache == null ? 0 : cache.size();
    }

    /** The tenant's cache, listening to its feed; null (read through) when the feed could not be started. */
    private synchronized TenantCache tenant(String tenant) {
        TenantCache cache = tenants.get(tenant);
        if (cache == null) {
            TenantCache fresh = new TenantCache();
            try {
                feed.listen(tenant, fresh);
            } catch (SQLException | RuntimeException e) {
                LOG.warn(
                        "value cache of tenant {} off for now, its change feed did not start: {}",
                        tenant,
                        e.toString());
                return null;
            }
            tenants.put(tenant, fresh);
            cache = fresh;
        }
        return cache;
    }

    private record Entry(Object value, Set<Dependency> dependencies, long storedNanos) {}

    /** One tenant's answers, least recently used first; every method holds the lock, briefly. */
    private final class TenantCache implements ChangeListener {

        private final LinkedHashMap<Object, Entry> entries = new LinkedHashMap<>(64, 0.75f, true);
        private final Map<Dependency, Set<Object>> keysByDependency = new HashMap<>();
        private long generation;

        synchronized Object lookup(Object key, long now) {
            Entry entry = entries.get(key);
            if (entry == null) {
                return null;
            }
            if (now - entry.storedNanos() > maxAge.toNanos()) {
                remove(key);
                return null;
            }
            return entry.value();
        }

        synchronized long generation() {
            return generation;
        }

        synchronized void store(Object key, Set<Dependency> dependencies, Object value, long readGeneration, long now) {
            if (readGeneration != generation) {
                return; // news arrived while this was read: it may predate them
            }
            remove(key);
            entries.put(key, new Entry(value, Set.copyOf(dependencies), now));
            for (Dependency d : dependencies) {
                keysByDependency.computeIfAbsent(d, k -> new HashSet<>()).add(key);
            }
            if (entries.size() > maxEntries) {
                remove(entries.keySet().iterator().next());
            }
        }

        synchronized int size() {
            return entries.size();
        }

        @Override
        public synchronized void changed(List<ValueChange> news) {
            generation++;
            for (ValueChange change : news) {
                drop(new Dependency(change.indicatorId(), null));
                drop(new Dependency(change.indicatorId(), change.subjectId()));
                drop(new Dependency(null, change.subjectId()));
            }
        }

        @Override
        public synchronized void lost() {
            generation++;
            entries.clear();
            keysByDependency.clear();
        }

        private void drop(Dependency dependency) {
            Set<Object> keys = keysByDependency.remove(dependency);
            if (keys != null) {
                List.copyOf(keys).forEach(this::remove);
            }
        }

        private void remove(Object key) {
            Entry entry = entries.remove(key);
            if (entry == null) {
                return;
            }
            for (Dependency d : entry.dependencies()) {
                Set<Object> keys = keysByDependency.get(d);
                if (keys != null) {
                    keys.remove(key);
                    if (keys.isEmpty()) {
                        keysByDependency.remove(d);
                    }
                }
            }
        }
    }
}
