package io.kpipulse.indicators;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of one step of an interval join: the sides the watermark has not reached yet, and the
 * bounds decided so far. A mutable POJO so Flink's serializer can evolve it.
 */
public class IntervalState {
    /** The key's single registered event-time timer is at {@link #timer}, or there is none. */
    public static final long NO_TIMER = Long.MAX_VALUE;

    /** Sides waiting until the watermark reaches their time. */
    public List<Partial> pending = new ArrayList<>();
    /**
     * Per interval key: the current interval's opening sides (one per affected department) and, once
     * decided, its closing side. Per department: the starts and ends of the intervals affecting it.
     */
    public List<Partial> bounds = new ArrayList<>();

    public long timer = NO_TIMER;

    public IntervalState() {}

    /** Any side held, to find the indicator the key belongs to. */
    Partial anySide() {
        return pending.isEmpty() ? bounds.get(0) : pending.get(0);
    }
}
