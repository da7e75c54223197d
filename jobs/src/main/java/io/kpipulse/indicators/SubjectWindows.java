package io.kpipulse.indicators;

import io.kpipulse.catalog.WindowType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything {@link IndicatorAggregator} keeps for one (tenant, indicator, subject): one state object, so an
 * item costs one state access instead of two per window, and the timers the key has registered, so an item
 * registers none it already has. Serialized by {@link SubjectWindowsSerializer}.
 */
final class SubjectWindows {
    /** No day or timer: {@link Long#MIN_VALUE} is no real as-of day, flush time or midnight here. */
    static final long NONE = Long.MIN_VALUE;

    /** Calendar instances (a handful: the horizon keeps a day's instance about two days past its end). */
    final List<WindowInstance> calendar;
    /** Daily parts by epoch day, for the rolling windows this key writes itself (holistic kinds). */
    final TreeMap<Long, WindowAccumulator> daily;
    /** Per rolling window type: its closed days (all but the as-of day) as of {@link #publishedAsOf}. */
    final EnumMap<WindowType, WindowAccumulator> closedDays;
    /** Days whose daily part changed since the rolling windows were last written. */
    final TreeSet<Long> changedDays;

    boolean rollingDirty;
    long publishedAsOf = NONE;
    SubjectItem lastItem;
    /** The processing-time flush timer pending, or NONE. */
    long flushAt = NONE;
    /** Whether the end-of-input timer ({@link Long#MAX_VALUE}) is registered. */
    boolean endTimer;
    /** The tenant-midnight timer pending, or NONE. */
    long midnight = NONE;

    SubjectWindows() {
        this(new ArrayList<>(), new TreeMap<>(), new EnumMap<>(WindowType.class), new TreeSet<>());
    }

    SubjectWindows(
            List<WindowInstance> calendar,
            TreeMap<Long, WindowAccumulator> daily,
            EnumMap<WindowType, WindowAccumulator> closedDays,
            TreeSet<Long> changedDays) {
        this.calendar = calendar;
        this.daily = daily;
        this.closedDays = closedDays;
        this.changedDays = changedDays;
    }

    /** The calendar instance of {@code type} holding {@code day}, or null; newest instances are searched first. */
    WindowInstance instance(WindowType type, long day) {
        for (int i = calendar.size() - 1; i >= 0; i--) {
            WindowInstance w = calendar.get(i);
            if (w.holds(type, day)) {
                return w;
            }
        }
        return null;
    }

    boolean isEmpty() {
        return calendar.isEmpty() && daily.isEmpty();
    }
}
