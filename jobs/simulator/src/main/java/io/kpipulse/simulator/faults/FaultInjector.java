package io.kpipulse.simulator.faults;

import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.SimEvent;
import io.kpipulse.simulator.SimRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the clean, time-sorted events into the records produced to Kafka, applying at most one fault per event
 * by the configured shares. Org-directory events are never faulted: the directory is the reference the
 * engine validates everything else against.
 *
 * <p>Placement rules (B = out-of-orderness bound, L = allowed lateness, both in event time), relative to
 * the records that stay in place and are accepted (so dead-lettered bytes never decide a placement):
 * an out-of-order record is emitted after the last such record whose time is ≤ its time + B (and only counts
 * when that puts it behind a later event); a duplicate's second copy goes to the same place; a late record
 * is emitted right after the first such record whose time is ≥ its time + B + L + {@link #LATE_MARGIN}, so the
 * stream's maximum event time has passed it by more than B + L whatever the partitioning.
 */
public final class FaultInjector {

    /** Extra event-time distance for late records, so per-partition watermarks also see them as late. */
    public static final Duration LATE_MARGIN = Duration.ofHours(6);

    public static final String UNKNOWN_TENANT_ID = "t-unregistered";

    /** The records to produce, the events that are part of the ground truth, and what was injected. */
    public record Result(List<ProducedRecord> records, List<SimEvent> accepted, Map<FaultKind, Integer> injected) {}

    private record Placed(long anchor, int order, ProducedRecord record) {}

    private final FaultShares shares;
    private final long bound;
    private final long lateBy;
    private final EventCodec codec;

    public FaultInjector(FaultShares shares, Duration outOfOrderBound, Duration allowedLateness, EventCodec codec) {
        this.shares = shares;
        this.bound = outOfOrderBound.toMillis();
        this.lateBy = bound + allowedLateness.toMillis() + LATE_MARGIN.toMillis();
        this.codec = codec;
    }

    public Result inject(List<SimEvent> sorted, SimRandom random) {
        long maxTime = sorted.isEmpty()
                ? Long.MIN_VALUE
                : sorted.get(sorted.size() - 1).eventTime();
        FaultKind[] kinds = new FaultKind[sorted.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = choose(sorted.get(i), random, maxTime);
        }
        // Records that stay where they are and will be accepted: only they move the engine's watermark for sure.
        List<Integer> anchorIndex = new ArrayList<>();
        for (int i = 0; i < kinds.length; i++) {
            if (kinds[i] == FaultKind.NONE || kinds[i] == FaultKind.DUPLICATE) {
                anchorIndex.add(i);
            }
        }
        long[] anchorTimes =
                anchorIndex.stream().mapToLong(i -> sorted.get(i).eventTime()).toArray();
        List<Placed> placed = new ArrayList<>(sorted.size() + sorted.size() / 20);
        List<SimEvent> accepted = new ArrayList<>(sorted.size());
        Map<FaultKind, Integer> injected = new EnumMap<>(FaultKind.class);
        for (FaultKind k : FaultKind.values()) {
            injected.put(k, 0);
        }
        int order = 1;
        for (int i = 0; i < sorted.size(); i++) {
            SimEvent e = sorted.get(i);
            long t = e.eventTime();
            FaultKind kind = kinds[i];
            byte[] key = EventKeys.keyOf(e.event());
            String topic = e.type().topic();
            switch (kind) {
                case NONE -> {
                    placed.add(new Placed(i, 0, new ProducedRecord(topic, key, codec.encode(e.event()), t, kind)));
                    accepted.add(e);
                }
                case OUT_OF_ORDER -> {
                    int a = lastAtOrBefore(anchorTimes, t + bound);
                    if (a < 0 || anchorTimes[a] <= t) {
                        kind = FaultKind.NONE; // nothing later within the bound to overtake it
                        placed.add(new Placed(i, 0, new ProducedRecord(topic, key, codec.encode(e.event()), t, kind)));
                    } else {
                        placed.add(new Placed(
                                anchorIndex.get(a),
                                order++,
                                new ProducedRecord(topic, key, codec.encode(e.event()), t, kind)));
                    }
                    accepted.add(e);
                }
                case DUPLICATE -> {
                    byte[] value = codec.encode(e.event());
                    placed.add(new Placed(i, 0, new ProducedRecord(topic, key, value, t, FaultKind.NONE)));
                    placed.add(new Placed(
                            anchorIndex.get(lastAtOrBefore(anchorTimes, t + bound)),
                            order++,
                            new ProducedRecord(topic, key, value.clone(), t, kind)));
                    accepted.add(e);
                }
                case LATE -> {
                    int a = firstAtOrAfter(anchorTimes, t + lateBy);
                    if (a < 0) {
                        kind = FaultKind.NONE; // the stream ends too soon after it to make it late
                        placed.add(new Placed(i, 0, new ProducedRecord(topic, key, codec.encode(e.event()), t, kind)));
                        accepted.add(e);
                    } else {
                        placed.add(new Placed(
                                anchorIndex.get(a),
                                order++,
                                new ProducedRecord(topic, key, codec.encode(e.event()), t, kind)));
                    }
                }
                case MALFORMED ->
                    placed.add(new Placed(
                            i, 0, new ProducedRecord(topic, key, malformed(codec.encode(e.event()), random), t, kind)));
                case UNKNOWN_EMPLOYEE, UNKNOWN_TENANT, IMPOSSIBLE_VALUE -> {
                    SpecificRecord copy = corrupt(e.event(), kind, random);
                    placed.add(new Placed(
                            i, 0, new ProducedRecord(topic, EventKeys.keyOf(copy), codec.encode(copy), t, kind)));
                }
            }
            injected.merge(kind, 1, Integer::sum);
        }
        placed.sort(Comparator.comparingLong(Placed::anchor).thenComparingInt(Placed::order));
        List<ProducedRecord> records = new ArrayList<>(placed.size());
        placed.forEach(p -> records.add(p.record()));
        injected.remove(FaultKind.NONE);
        return new Result(records, accepted, injected);
    }

    private FaultKind choose(SimEvent e, SimRandom random, long maxTime) {
        long t = e.eventTime();
        if (shares.isNone() || e.type().sourceSystem() == SourceSystem.ORG) {
            return FaultKind.NONE;
        }
        double u = random.uniform();
        double[] cumulative = {
            shares.duplicate(),
            shares.outOfOrder(),
            shares.late(),
            shares.malformed(),
            shares.unknownEmployee(),
            shares.unknownTenant(),
            shares.impossibleValue()
        };
        FaultKind[] kinds = {
            FaultKind.DUPLICATE,
            FaultKind.OUT_OF_ORDER,
            FaultKind.LATE,
            FaultKind.MALFORMED,
            FaultKind.UNKNOWN_EMPLOYEE,
            FaultKind.UNKNOWN_TENANT,
            FaultKind.IMPOSSIBLE_VALUE
        };
        double acc = 0;
        for (int k = 0; k < kinds.length; k++) {
            acc += cumulative[k];
            if (u < acc) {
                return applicable(kinds[k], e, t, maxTime) ? kinds[k] : FaultKind.NONE;
            }
        }
        return FaultKind.NONE;
    }

    private boolean applicable(FaultKind kind, SimEvent e, long t, long maxTime) {
        return switch (kind) {
            case LATE -> t + lateBy <= maxTime;
            case UNKNOWN_EMPLOYEE -> e.header().getEmployeeId() != null;
            case IMPOSSIBLE_VALUE -> ImpossibleValues.applies(e.event());
            default -> true;
        };
    }

    private static SpecificRecord corrupt(SpecificRecord event, FaultKind kind, SimRandom random) {
        SpecificRecord copy =
                (SpecificRecord) SpecificData.getForClass(event.getClass()).deepCopy(event.getSchema(), event);
        switch (kind) {
            case UNKNOWN_EMPLOYEE ->
                EventHeaders.header(copy).setEmployeeId(String.format("e-u%05d", random.between(0, 99_999)));
            case UNKNOWN_TENANT -> EventHeaders.header(copy).setTenantId(UNKNOWN_TENANT_ID);
            case IMPOSSIBLE_VALUE -> ImpossibleValues.breakValue(copy, random);
            default -> throw new IllegalArgumentException(kind.name());
        }
        return copy;
    }

    /** Either random bytes that are not single-object encoded, or a valid encoding cut short. */
    private static byte[] malformed(byte[] encoded, SimRandom random) {
        if (random.chance(0.5)) {
            byte[] bytes = random.bytes(random.between(1, 60));
            bytes[0] = 0x00;
            return bytes;
        }
        return Arrays.copyOf(encoded, random.between(10, encoded.length - 1));
    }

    /** Index of the last time ≤ t, or -1. */
    private static int lastAtOrBefore(long[] times, long t) {
        if (times.length == 0 || times[0] > t) {
            return -1;
        }
        int lo = 0;
        int hi = times.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (times[mid] <= t) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** Index of the first time ≥ t, or -1. */
    private static int firstAtOrAfter(long[] times, long t) {
        if (times.length == 0 || times[times.length - 1] < t) {
            return -1;
        }
        int lo = 0;
        int hi = times.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (times[mid] >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }
}
