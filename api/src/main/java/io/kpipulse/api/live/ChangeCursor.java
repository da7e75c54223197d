package io.kpipulse.api.live;

import io.kpipulse.read.changes.ChangePage;
import io.kpipulse.read.changes.ValueChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a tenant's feed is (the newest block read: every row is read once, in the order it became visible)
 * and which polled rows are news. Per key only a version higher than the last one sent is news, so a lower
 * version, or the same one again, that appears later (an insert retried after a newer one, an engine replay
 * after a restore) is dropped while its key is remembered.
 *
 * <p>Keys are remembered for {@code memory} of {@code updated_at} behind the newest row seen, so memory is
 * bounded by the rows written in that time.
 */
final class ChangeCursor {

    private final Duration memory;
    private long block;
    private Instant newest = Instant.EPOCH;
    private final Map<ValueChange.Key, Seen> seen = new HashMap<>();

    private record Seen(long version, Instant updatedAt) {}

    ChangeCursor(long block, Duration memory) {
        this.block = block;
        this.memory = Objects.requireNonNull(memory, "memory");
    }

    /** The block the next read starts after. */
    long block() {
        return block;
    }

    /** The news of {@code page} (rows in the order they became visible): only the newest version of each key. */
    List<ValueChange> accept(ChangePage page) {
        block = Math.max(block, page.newestBlock());
        Map<ValueChange.Key, ValueChange> fresh = new HashMap<>();
        List<ValueChange.Key> order = new ArrayList<>();
        for (ValueChange change : page.rows()) {
            ValueChange.Key key = change.key();
            Seen before = seen.get(key);
            if (before != null && change.version() <= before.version()) {
                continue;
            }
            seen.put(key, new Seen(change.version(), change.updatedAt()));
            if (fresh.put(key, change) == null) {
                order.add(key);
            }
            if (change.updatedAt().isAfter(newest)) {
                newest = change.updatedAt();
            }
        }
        Instant forgetBefore = newest.minus(memory);
        seen.values().removeIf(s -> s.updatedAt().isBefore(forgetBefore));
        List<ValueChange> news = new ArrayList<>(order.size());
        for (ValueChange.Key key : order) {
            news.add(fresh.get(key));
        }
        return news;
    }

    /** How many keys are remembered (for tests of the memory bound). */
    int remembered() {
        return seen.size();
    }
}
