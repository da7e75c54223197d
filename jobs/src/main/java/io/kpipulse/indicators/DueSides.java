package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;

/** Sides waiting for the watermark: which of them it has reached, in the order they must be decided. */
final class DueSides {

    private DueSides() {}

    /** Removes from {@code pending} and returns, in {@code order}, the sides at or before {@code watermark}. */
    static List<Partial> take(List<Partial> pending, long watermark, Comparator<Partial> order) {
        pending.sort(order);
        List<Partial> due = new ArrayList<>();
        Iterator<Partial> it = pending.iterator();
        while (it.hasNext()) {
            Partial side = it.next();
            if (side.timeMillis() > watermark) {
                break;
            }
            it.remove();
            due.add(side);
        }
        return due;
    }
}
