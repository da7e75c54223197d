package io.kpipulse.indicators;

import java.util.TreeMap;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * Items of one subject key ({@link SubjectItem#key()}) folded per day, as {@link LocalPreAggregation} sends
 * them to the key's windows: one record per key and hold instead of one per item, so traffic over the shuffle
 * scales with the keys that changed (a department takes part in every event of its subtree). A day's part is
 * an accumulator of that day's items, merged into every window the day belongs to; merging is exact for every
 * kind ({@link WindowAccumulator#merge}), so the windows end exactly as if each item had been added.
 * Samples and distinct values are kept for every item here; the window operator keeps them only where the
 * indicator needs them.
 *
 * <p>Mutable while it is filled, then handed on and no longer touched.
 */
@TypeInfo(SubjectBatchTypeInfo.Factory.class)
public final class SubjectBatch {

    private SubjectItem last;
    private final TreeMap<Long, WindowAccumulator> days;

    public SubjectBatch() {
        this.days = new TreeMap<>();
    }

    SubjectBatch(SubjectItem last, TreeMap<Long, WindowAccumulator> days) {
        this.last = last;
        this.days = days;
    }

    /** A batch of one item (the items a joiner emits, tests). */
    public static SubjectBatch of(SubjectItem item) {
        SubjectBatch b = new SubjectBatch();
        b.add(item);
        return b;
    }

    /** Folds in the next item of the key, in arrival order. */
    public void add(SubjectItem item) {
        last = item;
        days.computeIfAbsent(item.item().epochDay(), d -> new WindowAccumulator())
                .add(item.item(), true, true);
    }

    /**
     * The newest item folded in: it addresses the key's windows, and its subject path (the department path
     * as the newest item knew it) is what the rows carry, as when items arrived one by one.
     */
    public SubjectItem last() {
        return last;
    }

    /** Each day's items (epoch days in the tenant's zone), folded. */
    public TreeMap<Long, WindowAccumulator> days() {
        return days;
    }

    public String key() {
        return last.key();
    }
}
