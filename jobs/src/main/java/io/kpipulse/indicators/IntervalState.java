package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of one step of an interval join: the sides the watermark has not reached yet, the sides
 * decided so far, and what was sent on from them, so that a side arriving behind the watermark corrects
 * what was sent instead of being judged against whatever happened to be known. A mutable POJO so Flink's
 * serializer can evolve it; the operator writes it back after every change.
 */
public class IntervalState {
    /** The key's single registered event-time timer is at {@link #timer}, or there is none. */
    public static final long NO_TIMER = Long.MAX_VALUE;

    /** Sides waiting until the watermark reaches their time. */
    public List<Partial> pending = new ArrayList<>();
    /**
     * Router: every decided opening and closing side of the interval key. Join: the starts and ends (from
     * {@link IntervalRouter}) of the intervals affecting the department.
     */
    public List<Partial> bounds = new ArrayList<>();
    /** Router: the starts and ends announced to the departments, so a change is sent as a difference. */
    public List<Partial> announced = new ArrayList<>();
    /** Join: the decided measured events and the item each was counted as, kept while a bound may still come. */
    public List<CountedSide> counted = new ArrayList<>();
    /**
     * Router: openings before this time belong to an interval already forgotten (and are ignored as repeated
     * openings of it); no side before it is kept.
     */
    public long floor = Long.MIN_VALUE;

    public long timer = NO_TIMER;

    public IntervalState() {}

    /** Any side held, to find the indicator the key belongs to. */
    Partial anySide() {
        if (!pending.isEmpty()) {
            return pending.get(0);
        }
        if (!bounds.isEmpty()) {
            return bounds.get(0);
        }
        return counted.get(0).side;
    }

    boolean isEmpty() {
        return pending.isEmpty() && bounds.isEmpty() && announced.isEmpty() && counted.isEmpty();
    }
}
