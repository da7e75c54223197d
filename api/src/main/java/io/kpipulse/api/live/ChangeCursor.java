package io.kpipulse.api.live;

import io.kpipulse.read.changes.ValueChange;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decides which polled rows are news. A poll re-reads an overlap behind the newest {@code updated_at} seen,
 * because a row becomes visible only after the engine's flush and insert, later than its {@code updated_at};
 * what the overlap brings again is dropped here. Per key only a version higher than the last one sent is
 * news, so a stale lower version written late is dropped too while its key is remembered.
 *
 * <p>Keys are remembered as long as a re-read can bring them back (their {@code updated_at} is within the
 * overlap of the cursor), so memory is bounded by the rows written during one overlap.
 */
final class ChangeCursor {

    private final Duration overlap;
    private Instant newest;
    private final Map<ValueChange.Key, Seen> seen = new HashMap<>();

    private record Seen(long version, Instant updatedAt) {}

    ChangeCursor(Instant start, Duration overlap) {
        this.newest = Objects.requireNonNull(start, "start");
        this.overlap = Objects.requireNonNull(overlap, "overlap");
    }

    /** Where the next read starts: the overlap behind the newest row seen. */
    Instant readFrom() {
        return newest.minus(overlap);
    }

    /** The changes of {@code polled} (oldest first) not sent before, and only the newest version of each key. */
    List<ValueChange> accept(List<ValueChange> polled) {
        Map<ValueChange.Key, ValueChange> fresh = new HashMap<>();
        List<ValueChange.Key> order = new ArrayList<>();
        for (ValueChange change : polled) {
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
        Instant forgetBefore = readFrom();
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
