package io.kpipulse.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Which Kafka splits of one source reader may be declared idle: those that delivered nothing for the
 * idleness timeout <em>and</em> have been read to the end of their partition, as a look-up of the end
 * offsets started after their last record showed.
 *
 * <p>Processing-time idleness alone is wrong under a backlog: a starved or busy reader hands out one
 * partition's buffered records while another partition with unread records waits its turn; declared idle,
 * that partition no longer holds the watermark back, the others carry it past its records, and they arrive
 * behind it — late beyond the horizon, or work events ahead of the hires they need. A partition with unread
 * records is never idle here, however long it waits; an empty or fully read one is, once quiet.
 *
 * <p>A split read to its end has no record left that its watermark must wait for, so it is declared idle with
 * a watermark at its newest event time ({@link IdleSplit#watermark()}): without it, the watermark of the last
 * partition to go idle stays out-of-orderness short of that partition's newest events, and after a start or
 * restore slower than the live lag (the partition never counts as live) those events wait for the next record
 * on the topics. A record that comes later dated at or before it is behind the watermark: admission takes it
 * on arrival, judged for lateness by its own timestamps, and the engine handles past-dated events exactly.
 * Not the wall clock: a backfill or replay of history (events, and their record timestamps, far behind it)
 * paused longer than the idleness would then put every later record of it beyond the horizon.
 */
final class CaughtUpSplits {

    private final long idlenessMillis;
    private final Map<String, Split> splits = new HashMap<>();

    private static final class Split {
        final TopicPartition partition;
        /** The next offset to read; negative while unknown (a starting-offset marker, nothing read yet). */
        long position;

        long lastRecordMillis;
        /** The newest event time of the records read in this run; {@link Long#MIN_VALUE} while none. */
        long newestEventTime = Long.MIN_VALUE;

        long end = -1;
        long earliest = -1;
        long probedAtMillis = Long.MIN_VALUE;
        boolean idle;

        Split(TopicPartition partition, long position, long now) {
            this.partition = partition;
            this.position = position;
            this.lastRecordMillis = now;
        }

        boolean caughtUp() {
            if (end < 0) {
                return false;
            }
            // Position unknown: only an empty partition is known to be read to its end.
            return position >= 0 ? position >= end : earliest == end;
        }
    }

    /**
     * A split to declare idle.
     *
     * @param watermark the watermark to emit for it first, at its newest event time; {@link Long#MIN_VALUE}
     *                  when nothing was read from it (an empty partition, or nothing new since a restore)
     */
    record IdleSplit(String splitId, long watermark) {}

    CaughtUpSplits(long idlenessMillis) {
        if (idlenessMillis <= 0) {
            throw new IllegalArgumentException("idleness must be positive, got " + idlenessMillis);
        }
        this.idlenessMillis = idlenessMillis;
    }

    void add(String splitId, TopicPartition partition, long startingOffset, long now) {
        splits.put(splitId, new Split(partition, startingOffset, now));
    }

    void remove(String splitId) {
        splits.remove(splitId);
    }

    /**
     * A record of the split at {@code offset} dated {@code eventTime}; returns whether the split was idle (it is
     * active again).
     */
    boolean recorded(String splitId, long offset, long eventTime, long now) {
        Split s = splits.get(splitId);
        if (s == null) {
            return false;
        }
        s.position = Math.max(s.position, offset + 1);
        s.newestEventTime = Math.max(s.newestEventTime, eventTime);
        s.lastRecordMillis = now;
        boolean wasIdle = s.idle;
        s.idle = false;
        return wasIdle;
    }

    /** The partitions whose end offsets must be looked up before they may be declared idle. */
    Set<TopicPartition> toProbe(long now) {
        Set<TopicPartition> partitions = new HashSet<>();
        for (Split s : splits.values()) {
            if (!s.idle && quiet(s, now) && s.probedAtMillis < s.lastRecordMillis) {
                partitions.add(s.partition);
            }
        }
        return partitions;
    }

    /** End (and earliest) offsets of a look-up started at {@code startedAtMillis}. */
    void probed(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> earliest, long startedAtMillis) {
        for (Split s : splits.values()) {
            Long end = ends.get(s.partition);
            if (end != null) {
                s.end = end;
                s.earliest = earliest.getOrDefault(s.partition, -1L);
                s.probedAtMillis = startedAtMillis;
            }
        }
    }

    /** The splits to declare idle now (each once, until its next record). */
    List<IdleSplit> becomeIdle(long now) {
        List<IdleSplit> idle = new ArrayList<>();
        splits.forEach((id, s) -> {
            // The look-up must have started after the last record: an older one may predate records still unread.
            if (!s.idle && quiet(s, now) && s.probedAtMillis >= s.lastRecordMillis && s.caughtUp()) {
                s.idle = true;
                idle.add(new IdleSplit(id, s.newestEventTime));
            }
        });
        return idle;
    }

    private boolean quiet(Split s, long now) {
        return now - s.lastRecordMillis >= idlenessMillis;
    }
}
