package io.kpipulse.read.values;

import io.kpipulse.catalog.Direction;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One tenant's newest stored value rows of the window instances {@link InMemoryValues.Horizon} keeps, and the
 * answers {@link IndicatorValueReader} gives over them, computed here: the same rows, the same order, ranks and
 * totals. Reads share a lock, a batch of versions takes it alone (a ranking scans one column of 10,000 subjects
 * in well under a millisecond).
 */
final class TenantValues {

    private record ColumnKey(String indicatorId, WindowType window, SubjectType subjectType, LocalDate start) {}

    /** Replaced only by {@link #narrow}, under the write lock; read without it by {@link #covers}. */
    private volatile InMemoryValues.Horizon horizon;

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<ColumnKey, ValueColumn> columns = new HashMap<>();
    private final Map<SubjectType, SubjectIndex> subjects = new EnumMap<>(SubjectType.class);
    private final Map<String, String> indicatorIds = new HashMap<>();
    private volatile boolean ready;

    TenantValues(InMemoryValues.Horizon horizon) {
        this.horizon = horizon;
    }

    InMemoryValues.Horizon horizon() {
        return horizon;
    }

    boolean ready() {
        return ready;
    }

    void ready(boolean ready) {
        this.ready = ready;
    }

    /** Whether every instance start of {@code window} and the type named is kept (and the load is complete). */
    boolean covers(WindowType window, SubjectType subjectType, Collection<LocalDate> starts) {
        if (!ready) {
            return false;
        }
        for (LocalDate start : starts) {
            if (!horizon.keeps(window, subjectType, start)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Keeps only the instances {@code narrower} keeps (which must keep no instance this horizon does not: see
     * {@link InMemoryValues.Horizon#within}) and answers by it from now on; returns the values dropped. What it
     * keeps is untouched, so the tenant answers from memory throughout.
     */
    long narrow(InMemoryValues.Horizon narrower) {
        lock.writeLock().lock();
        try {
            long dropped = 0;
            var it = columns.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                ColumnKey k = e.getKey();
                if (!narrower.keeps(k.window(), k.subjectType(), k.start())) {
                    dropped += e.getValue().present();
                    it.remove();
                }
            }
            horizon = narrower;
            return dropped;
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Keeps each version that is newer than the kept one of its row and inside the horizon. */
    void offer(Collection<IndicatorValue> versions) {
        lock.writeLock().lock();
        try {
            for (IndicatorValue v : versions) {
                if (!horizon.keeps(v.windowType(), v.subjectType(), v.windowStart())) {
                    continue;
                }
                String indicator = indicatorIds.computeIfAbsent(v.indicatorId(), k -> k);
                SubjectIndex index = subjects.computeIfAbsent(v.subjectType(), k -> new SubjectIndex());
                int subject = index.number(v.subjectId());
                columns.computeIfAbsent(
                                new ColumnKey(indicator, v.windowType(), v.subjectType(), v.windowStart()),
                                k -> new ValueColumn(k.indicatorId(), k.window(), k.subjectType(), k.start()))
                        .offer(subject, v, index.size());
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Values kept (rows with a version), for the memory figures. */
    long valueCount() {
        lock.readLock().lock();
        try {
            long n = 0;
            for (ValueColumn c : columns.values()) {
                n += c.present();
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Subject slots allocated over every column (what the arrays hold room for). */
    long slotCount() {
        lock.readLock().lock();
        try {
            long n = 0;
            for (ValueColumn c : columns.values()) {
                n += c.capacity();
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link IndicatorValueReader#values}. */
    Map<String, InstanceValue> values(
            List<String> indicatorIds, WindowType window, LocalDate day, SubjectType subjectType, String subjectId) {
        WindowBounds current = window.instanceFor(day);
        WindowBounds previous = IndicatorValueReader.previous(current);
        lock.readLock().lock();
        try {
            Map<String, InstanceValue> result = new LinkedHashMap<>();
            // The subject's number once, not once per indicator and instance (a scorecard asks 31 × 2 columns).
            int s = subjectNumber(subjectType, subjectId);
            if (s < 0) {
                return result;
            }
            for (String id : indicatorIds) {
                IndicatorValue now = lookup(id, current, subjectType, s, subjectId);
                if (now != null && !result.containsKey(id)) {
                    result.put(id, new InstanceValue(now, lookup(id, previous, subjectType, s, subjectId)));
                }
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link IndicatorValueReader#history}. */
    List<HistoryPoint> history(HistoryQuery query) {
        List<LocalDate> days = query.step().points(query.from(), query.to());
        lock.readLock().lock();
        try {
            List<HistoryPoint> points = new ArrayList<>(days.size());
            int s = subjectNumber(query.subjectType(), query.subjectId());
            for (LocalDate day : days) {
                WindowBounds instance = query.window().instanceFor(day);
                points.add(new HistoryPoint(
                        day,
                        instance,
                        s < 0
                                ? null
                                : lookup(query.indicatorId(), instance, query.subjectType(), s, query.subjectId())));
            }
            return points;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Whether any version of the subject is kept: then the reader's "has values" holds too. */
    boolean keepsAny(SubjectType subjectType, String subjectId) {
        lock.readLock().lock();
        try {
            SubjectIndex index = subjects.get(subjectType);
            return index != null && index.find(subjectId) >= 0;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * {@link IndicatorValueReader#ranking}: ordered by value best first with undefined values last, ties listed
     * by subject id (as {@code ORDER BY value DESC NULLS LAST, subject_id}); equal values share a rank
     * (SQL's {@code rank()}: one plus the rows strictly better), undefined values have none.
     */
    RankingPage ranking(RankingQuery query, int limit, int offset) {
        lock.readLock().lock();
        try {
            ValueColumn column = column(query.indicatorId(), query.window(), query.subjectType());
            SubjectIndex index = subjects.get(query.subjectType());
            Order order = column == null ? null : new Order(column, index, query.direction());
            int[] ranked;
            int[] page;
            if (query.subjectIds() == null && column != null && index != null) {
                // Every subject: one sorted order per column until it changes (the dashboard's top-N, read far
                // more often than the column is written), instead of a selection over all of them per request.
                ranked = column.rankedOrNull(query.direction());
                if (ranked == null) {
                    ranked = order.sorted(candidates(column, index, null));
                    column.ranked(query.direction(), ranked);
                }
                page = ranked;
            } else {
                ranked = candidates(column, index, query.subjectIds());
                page = null;
            }
            if (ranked.length == 0 || offset >= ranked.length) {
                return new RankingPage(ranked.length, limit, offset, List.of());
            }
            int end = (int) Math.min((long) offset + limit, ranked.length);
            if (page == null) {
                page = order.first(ranked, end);
            }
            WindowBounds previous = IndicatorValueReader.previous(query.window());
            List<RankedValue> entries = new ArrayList<>();
            Integer rank = null;
            for (int i = offset; i < end; i++) {
                int s = page[i];
                if (column.valueIsNull(s)) {
                    rank = null;
                } else if (i == offset) {
                    rank = 1
                            + (page == ranked
                                    ? order.strictlyBetterInOrder(ranked, i)
                                    : order.strictlyBetter(ranked, s));
                } else if (rank == null || column.compareValues(page[i - 1], s) != 0) {
                    rank = i + 1;
                }
                String id = index.id(s);
                entries.add(new RankedValue(
                        rank,
                        new InstanceValue(
                                column.value(s, id), lookup(query.indicatorId(), previous, query.subjectType(), id))));
            }
            return new RankingPage(ranked.length, limit, offset, entries);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** {@link IndicatorValueReader#rankOf}. */
    java.util.Optional<IndicatorValueReader.RankedStanding> rankOf(RankingQuery query, String subjectId) {
        if (query.subjectIds() != null && !query.subjectIds().contains(subjectId)) {
            return java.util.Optional.empty();
        }
        lock.readLock().lock();
        try {
            ValueColumn column = column(query.indicatorId(), query.window(), query.subjectType());
            SubjectIndex index = subjects.get(query.subjectType());
            int s = index == null ? -1 : index.find(subjectId);
            if (column == null || s < 0 || !column.has(s)) {
                return java.util.Optional.empty();
            }
            int[] ranked = candidates(column, index, query.subjectIds());
            Integer rank = column.valueIsNull(s)
                    ? null
                    : 1 + new Order(column, index, query.direction()).strictlyBetter(ranked, s);
            IndicatorValue before = lookup(
                    query.indicatorId(), IndicatorValueReader.previous(query.window()), query.subjectType(), subjectId);
            return java.util.Optional.of(new IndicatorValueReader.RankedStanding(
                    new RankedValue(rank, new InstanceValue(column.value(s, subjectId), before)), ranked.length));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The subjects with a value in the column, all or only those listed. */
    private static int[] candidates(ValueColumn column, SubjectIndex index, List<String> listed) {
        if (column == null || index == null) {
            return new int[0];
        }
        int[] out = new int[column.present()];
        int n = 0;
        if (listed == null) {
            for (int s = 0; s < column.capacity(); s++) {
                if (column.has(s)) {
                    out[n++] = s;
                }
            }
            return n == out.length ? out : Arrays.copyOf(out, n);
        }
        Set<Integer> seen = new LinkedHashSet<>();
        for (String id : listed) {
            int s = index.find(id);
            if (s >= 0 && column.has(s) && seen.add(s)) {
                out[n++] = s;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /** Best first: the better value, undefined values last, then the smaller subject id. */
    private static final class Order {
        private final ValueColumn column;
        private final SubjectIndex index;
        private final int sign;

        Order(ValueColumn column, SubjectIndex index, Direction direction) {
            this.column = column;
            this.index = index;
            this.sign = direction == Direction.LOWER_IS_BETTER ? 1 : -1;
        }

        /** Negative when {@code a} is better than {@code b} by value alone (ties: 0). */
        int byValue(int a, int b) {
            boolean aNull = column.valueIsNull(a);
            boolean bNull = column.valueIsNull(b);
            if (aNull || bNull) {
                return aNull == bNull ? 0 : (aNull ? 1 : -1);
            }
            return sign * column.compareValues(a, b);
        }

        int compare(int a, int b) {
            int c = byValue(a, b);
            return c != 0 ? c : index.id(a).compareTo(index.id(b));
        }

        int strictlyBetter(int[] subjects, int s) {
            int n = 0;
            for (int other : subjects) {
                if (byValue(other, s) < 0) {
                    n++;
                }
            }
            return n;
        }

        /**
         * {@link #strictlyBetter} of the subject at {@code position} of {@code sorted} (all of them, best first):
         * everything before it is better or tied, so the count is where its tie begins.
         */
        int strictlyBetterInOrder(int[] sorted, int position) {
            int s = sorted[position];
            int p = position;
            while (p > 0 && byValue(sorted[p - 1], s) == 0) {
                p--;
            }
            return p;
        }

        /** All of {@code subjects}, best first. */
        int[] sorted(int[] subjects) {
            Integer[] boxed = Arrays.stream(subjects).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, this::compare);
            int[] out = new int[boxed.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = boxed[i];
            }
            return out;
        }

        /** The first {@code k} of {@code subjects} in order: a bounded selection, then a sort of those. */
        int[] first(int[] subjects, int k) {
            Integer[] boxed;
            if ((long) k * 8 >= subjects.length) {
                boxed = Arrays.stream(subjects).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, this::compare);
            } else {
                // Worst kept on top, so each further subject is compared with it once.
                java.util.PriorityQueue<Integer> best = new java.util.PriorityQueue<>(k + 1, (a, b) -> compare(b, a));
                for (int s : subjects) {
                    if (best.size() < k) {
                        best.add(s);
                    } else if (compare(s, best.peek()) < 0) {
                        best.poll();
                        best.add(s);
                    }
                }
                boxed = best.toArray(Integer[]::new);
                Arrays.sort(boxed, this::compare);
            }
            int[] out = new int[k];
            for (int i = 0; i < k; i++) {
                out[i] = boxed[i];
            }
            return out;
        }
    }

    private ValueColumn column(String indicatorId, WindowBounds instance, SubjectType subjectType) {
        return columns.get(new ColumnKey(indicatorId, instance.type(), subjectType, instance.start()));
    }

    private IndicatorValue lookup(String indicatorId, WindowBounds instance, SubjectType subjectType, String id) {
        int s = subjectNumber(subjectType, id);
        return s < 0 ? null : lookup(indicatorId, instance, subjectType, s, id);
    }

    /** The value of subject number {@code s} (its id {@code id}) in the instance's column, or null. */
    private IndicatorValue lookup(
            String indicatorId, WindowBounds instance, SubjectType subjectType, int s, String id) {
        ValueColumn column = column(indicatorId, instance, subjectType);
        return column != null && column.has(s) ? column.value(s, id) : null;
    }

    /** The subject's number among the type's subjects kept, or -1 when nothing is kept for it. */
    private int subjectNumber(SubjectType subjectType, String id) {
        SubjectIndex index = subjects.get(subjectType);
        return index == null ? -1 : index.find(id);
    }
}
