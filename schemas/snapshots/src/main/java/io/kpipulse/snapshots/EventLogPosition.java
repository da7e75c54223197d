package io.kpipulse.snapshots;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Where in the event log a snapshot stands: how many accepted events of the tenant up to the period's end
 * {@code raw_events} held, the newest event time among them, and the highest Kafka offset archived per topic
 * partition (the engine archives each accepted record with its position). A recomputation replays exactly
 * these events.
 */
public record EventLogPosition(long eventCount, long maxEventTimeMillis, Map<String, Long> offsets) {

    public EventLogPosition {
        offsets = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(offsets)));
    }

    public static EventLogPosition empty() {
        return new EventLogPosition(0, 0, Map.of());
    }

    /** {@code topic/partition:offset;...} by topic and partition: the canonical and stored form. */
    public String offsetsText() {
        List<String> parts = offsets.entrySet().stream()
                .map(e -> e.getKey() + ':' + e.getValue())
                .toList();
        return String.join(";", parts);
    }

    /** Parses {@link #offsetsText()} back. */
    public static Map<String, Long> parseOffsets(String text) {
        Map<String, Long> out = new TreeMap<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        for (String part : text.split(";")) {
            int colon = part.lastIndexOf(':');
            out.put(part.substring(0, colon), Long.parseLong(part.substring(colon + 1)));
        }
        return out;
    }
}
