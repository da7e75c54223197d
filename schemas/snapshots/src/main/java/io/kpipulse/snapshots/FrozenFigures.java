package io.kpipulse.snapshots;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A snapshot line's figures by indicator id, in id order, immutable: a sorted array of ids (shared by every line
 * of one capture) and one slot per id, empty where the subject has no value. A freeze holds 100,000 lines × 40
 * figures; as tree maps, built once by the capture and copied again by every line, they were millions of entries
 * allocated twice. {@link SnapshotLine} keeps an instance as it is, and {@link CanonicalForm} walks the arrays.
 */
public final class FrozenFigures extends AbstractMap<String, FrozenValue> implements SortedMap<String, FrozenValue> {

    public static final FrozenFigures EMPTY = new FrozenFigures(new String[0], new FrozenValue[0]);

    private final String[] ids;
    private final FrozenValue[] slots;
    private final int size;

    /**
     * Figures over {@code sortedIds} (strictly ascending, never changed afterwards: callers share one array); slot
     * {@code i} is the figure of {@code sortedIds[i]} or null. The slots array is taken, not copied.
     */
    FrozenFigures(String[] sortedIds, FrozenValue[] slots) {
        if (sortedIds.length != slots.length) {
            throw new IllegalArgumentException("one slot per id");
        }
        this.ids = sortedIds;
        this.slots = slots;
        int n = 0;
        for (FrozenValue v : slots) {
            n += v == null ? 0 : 1;
        }
        this.size = n;
    }

    /** {@code figures} as frozen figures: the same instance when it is one already. */
    public static FrozenFigures copyOf(Map<String, FrozenValue> figures) {
        if (figures instanceof FrozenFigures f) {
            return f;
        }
        if (figures == null || figures.isEmpty()) {
            return EMPTY;
        }
        TreeMap<String, FrozenValue> sorted = new TreeMap<>(figures);
        String[] ids = new String[sorted.size()];
        FrozenValue[] slots = new FrozenValue[sorted.size()];
        int i = 0;
        for (Map.Entry<String, FrozenValue> e : sorted.entrySet()) {
            ids[i] = Objects.requireNonNull(e.getKey(), "indicator id");
            slots[i++] = Objects.requireNonNull(e.getValue(), "figure");
        }
        return new FrozenFigures(ids, slots);
    }

    /** Slots, for {@link CanonicalForm}: {@link #idAt} and {@link #slotAt} for {@code 0 <= i < slotCount()}. */
    int slotCount() {
        return slots.length;
    }

    String idAt(int i) {
        return ids[i];
    }

    FrozenValue slotAt(int i) {
        return slots[i];
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public FrozenValue get(Object key) {
        int i = key instanceof String s ? Arrays.binarySearch(ids, s) : -1;
        return i >= 0 ? slots[i] : null;
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public Set<Map.Entry<String, FrozenValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, FrozenValue>> iterator() {
                return new Iterator<>() {
                    private int next = advance(0);

                    private int advance(int from) {
                        int i = from;
                        while (i < slots.length && slots[i] == null) {
                            i++;
                        }
                        return i;
                    }

                    @Override
                    public boolean hasNext() {
                        return next < slots.length;
                    }

                    @Override
                    public Map.Entry<String, FrozenValue> next() {
                        if (!hasNext()) {
                            throw new NoSuchElementException();
                        }
                        Map.Entry<String, FrozenValue> e = new SimpleImmutableEntry<>(ids[next], slots[next]);
                        next = advance(next + 1);
                        return e;
                    }
                };
            }
        };
    }

    /** Natural order of the ids. */
    @Override
    public Comparator<? super String> comparator() {
        return null;
    }

    @Override
    public String firstKey() {
        return asTree().firstKey();
    }

    @Override
    public String lastKey() {
        return asTree().lastKey();
    }

    // Views by range are not on any hot path: a sorted copy answers them.
    @Override
    public SortedMap<String, FrozenValue> subMap(String fromKey, String toKey) {
        return Collections.unmodifiableSortedMap(asTree().subMap(fromKey, toKey));
    }

    @Override
    public SortedMap<String, FrozenValue> headMap(String toKey) {
        return Collections.unmodifiableSortedMap(asTree().headMap(toKey));
    }

    @Override
    public SortedMap<String, FrozenValue> tailMap(String fromKey) {
        return Collections.unmodifiableSortedMap(asTree().tailMap(fromKey));
    }

    private TreeMap<String, FrozenValue> asTree() {
        return new TreeMap<>(this);
    }
}
