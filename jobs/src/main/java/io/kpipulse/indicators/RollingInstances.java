package io.kpipulse.indicators;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which instances of one rolling window a key writes, decided from the days that hold items alone — so
 * the rows a key ends with depend neither on what other keys or tenants sent nor on how far the
 * watermark jumped at a time.
 *
 * <p>An instance of an {@code n}-day window is named by its as-of day {@code a} and covers
 * {@code a-n+1 .. a}. It exists when it holds an item, or when it is the first instance after an item left
 * (day {@code a-n} holds one), so a reader of the newest instance sees the value drop. No instance after
 * the engine's as-of day is written: the as-of day reaches it later.
 */
final class RollingInstances {

    private RollingInstances() {}

    /**
     * The as-of days to write now: every existing instance that a changed day belongs to (the instances
     * {@code d .. d+n}, the last being the first one without it), and every existing instance the as-of day
     * passed since the last write.
     *
     * @param itemDays    days that hold items (after any change)
     * @param changedDays days whose items changed since the last write
     * @param lastAsOf    the as-of day of the last write, or null before the first
     * @param asOf        the engine's as-of day now
     * @param n           the window's length in days
     */
    static SortedSet<Long> toWrite(
            NavigableSet<Long> itemDays, Collection<Long> changedDays, Long lastAsOf, long asOf, int n) {
        TreeSet<Long> write = new TreeSet<>();
        for (long d : changedDays) {
            for (long a = d; a <= Math.min(d + n, asOf); a++) {
                write.add(a);
            }
        }
        if (lastAsOf != null && !itemDays.isEmpty()) {
            long last = Math.min(asOf, itemDays.last() + n);
            for (long a = Math.max(lastAsOf + 1, itemDays.first()); a <= last; a++) {
                if (!itemDays.subSet(a - n, true, a, true).isEmpty()) {
                    write.add(a);
                }
            }
        }
        return write;
    }
}
