package io.kpipulse.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything {@link EventAdmission} keeps for one record key, in one state object: the records waiting for
 * the watermark (by event time, in arrival order within a time), the accepted event ids and when each is
 * forgotten, and the one event-time timer the key has pending. Serialized by {@link AdmissionStateSerializer}.
 */
final class AdmissionState {
    /** No timer: {@link Long#MIN_VALUE} is no time a record or an expiry is due at. */
    static final long NONE = Long.MIN_VALUE;

    final TreeMap<Long, List<RawRecord>> waiting;
    final HashSet<String> accepted;
    /** When accepted ids are forgotten (event time + horizon), and which. */
    final TreeMap<Long, List<String>> expiries;
    /** The event-time timer pending for this key, or NONE: the earliest time a record or an expiry is due. */
    long timer = NONE;

    AdmissionState() {
        this(new TreeMap<>(), new HashSet<>(), new TreeMap<>());
    }

    AdmissionState(
            TreeMap<Long, List<RawRecord>> waiting, HashSet<String> accepted, TreeMap<Long, List<String>> expiries) {
        this.waiting = waiting;
        this.accepted = accepted;
        this.expiries = expiries;
    }

    void hold(RawRecord record) {
        waiting.computeIfAbsent(record.time(), t -> new ArrayList<>(1)).add(record);
    }

    void remember(String eventId, long expiry) {
        accepted.add(eventId);
        expiries.computeIfAbsent(expiry, t -> new ArrayList<>(1)).add(eventId);
    }

    /** Forgets the ids due at {@code time}. */
    void forget(long time) {
        List<String> ids = expiries.remove(time);
        if (ids != null) {
            ids.forEach(accepted::remove);
        }
    }

    /** The earliest time a waiting record or an expiry is due, or NONE. */
    long nextDue() {
        Map.Entry<Long, List<RawRecord>> record = waiting.firstEntry();
        Map.Entry<Long, List<String>> expiry = expiries.firstEntry();
        if (record == null) {
            return expiry == null ? NONE : expiry.getKey();
        }
        return expiry == null ? record.getKey() : Math.min(record.getKey(), expiry.getKey());
    }

    boolean isEmpty() {
        return waiting.isEmpty() && expiries.isEmpty();
    }
}
