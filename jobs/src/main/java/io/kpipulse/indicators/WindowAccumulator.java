package io.kpipulse.indicators;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Everything needed to compute any aggregation kind exactly over one window instance of one subject,
 * and to merge instances (daily parts into a rolling window). Only the fields an indicator needs are
 * filled: duration samples are kept for medians and percentiles only, distinct values for distinct
 * counts only. Mutable; kept in {@link SubjectWindows} and serialized by {@link SubjectWindowsSerializer}.
 */
public class WindowAccumulator {
    /** Items behind the value (a self-reported claim is shown beside it, not counted). */
    public long items;
    /** Everything folded in, claims included: what makes a row newer than another. */
    public long parts;

    public BigDecimal sum = BigDecimal.ZERO;
    public BigDecimal numerator = BigDecimal.ZERO;
    public BigDecimal denominator = BigDecimal.ZERO;
    public BigDecimal claimed = BigDecimal.ZERO;
    public long outcomes;
    public long flagged;
    public long durations;
    public long durationSumMillis;
    public List<Long> durationSamples;
    public BigDecimal min;
    public BigDecimal max;
    public long lastTime = Long.MIN_VALUE;
    public String lastEventId;
    public BigDecimal lastValue;
    public TreeSet<String> distinct;
    public long lastEventTime = Long.MIN_VALUE;
    /**
     * Changed since its row was last written. Kept here rather than in a set beside the accumulators: the
     * window operator touches one state entry per window per item instead of two. Not merged.
     */
    public boolean unpublished;

    public WindowAccumulator() {}

    /** A deep copy: no list or set is shared with this one. */
    public WindowAccumulator copy() {
        WindowAccumulator c = new WindowAccumulator();
        c.items = items;
        c.parts = parts;
        c.sum = sum;
        c.numerator = numerator;
        c.denominator = denominator;
        c.claimed = claimed;
        c.outcomes = outcomes;
        c.flagged = flagged;
        c.durations = durations;
        c.durationSumMillis = durationSumMillis;
        c.durationSamples = durationSamples == null ? null : new ArrayList<>(durationSamples);
        c.min = min;
        c.max = max;
        c.lastTime = lastTime;
        c.lastEventId = lastEventId;
        c.lastValue = lastValue;
        c.distinct = distinct == null ? null : new TreeSet<>(distinct);
        c.lastEventTime = lastEventTime;
        c.unpublished = unpublished;
        return c;
    }

    /** A new accumulator with the content of both (neither is changed). */
    public static WindowAccumulator merged(WindowAccumulator a, WindowAccumulator b) {
        WindowAccumulator m = new WindowAccumulator();
        m.merge(a);
        m.merge(b);
        return m;
    }

    public void add(Item item, boolean keepSamples, boolean keepDistinct) {
        parts++;
        items += switch (item.part()) {
            case CLAIM -> 0;
            case WITHDRAWN -> -1;
            default -> 1;
        };
        lastEventTime = Math.max(lastEventTime, item.timeMillis());
        switch (item.part()) {
            case VALUE -> addValue(item.amount(), item.timeMillis(), item.eventId(), item.text(), keepDistinct);
            case NUMERATOR -> numerator = numerator.add(item.amount());
            case DENOMINATOR -> denominator = denominator.add(item.amount());
            case CLAIM -> claimed = claimed.add(item.amount());
            // Only count and sum measures are withdrawn (interval joins), so min, max and last stay as they are.
            case WITHDRAWN -> sum = sum.subtract(item.amount());
            case OUTCOME -> {
                outcomes++;
                flagged += item.flag() ? 1 : 0;
            }
            case DURATION -> {
                durations++;
                durationSumMillis = Math.addExact(durationSumMillis, item.durationMillis());
                flagged += item.flag() ? 1 : 0;
                if (keepSamples) {
                    if (durationSamples == null) {
                        durationSamples = new ArrayList<>();
                    }
                    durationSamples.add(item.durationMillis());
                }
            }
        }
    }

    private void addValue(BigDecimal amount, long time, String eventId, String text, boolean keepDistinct) {
        if (text != null) {
            if (keepDistinct) {
                if (distinct == null) {
                    distinct = new TreeSet<>();
                }
                distinct.add(text);
            }
            return;
        }
        sum = sum.add(amount);
        min = min == null || amount.compareTo(min) < 0 ? amount : min;
        max = max == null || amount.compareTo(max) > 0 ? amount : max;
        if (time > lastTime || time == lastTime && (lastEventId == null || eventId.compareTo(lastEventId) > 0)) {
            lastTime = time;
            lastEventId = eventId;
            lastValue = amount;
        }
    }

    /** Adds another instance's content (rolling windows are merged from daily parts). */
    public void merge(WindowAccumulator o) {
        merge(o, true, true);
    }

    /**
     * Adds another accumulator's content, keeping its samples and distinct values only where asked: the same
     * as {@link #add}ing each of its items with these flags (a {@link SubjectBatch}'s day part keeps both for
     * every item, the window keeps them only for the kinds that need them).
     */
    public void merge(WindowAccumulator o, boolean keepSamples, boolean keepDistinct) {
        items += o.items;
        parts += o.parts;
        sum = sum.add(o.sum);
        numerator = numerator.add(o.numerator);
        denominator = denominator.add(o.denominator);
        claimed = claimed.add(o.claimed);
        outcomes += o.outcomes;
        flagged += o.flagged;
        durations += o.durations;
        durationSumMillis = Math.addExact(durationSumMillis, o.durationSumMillis);
        if (keepSamples && o.durationSamples != null) {
            if (durationSamples == null) {
                durationSamples = new ArrayList<>();
            }
            durationSamples.addAll(o.durationSamples);
        }
        if (o.min != null) {
            min = min == null || o.min.compareTo(min) < 0 ? o.min : min;
        }
        if (o.max != null) {
            max = max == null || o.max.compareTo(max) > 0 ? o.max : max;
        }
        if (o.lastEventId != null
                && (o.lastTime > lastTime
                        || o.lastTime == lastTime
                                && (lastEventId == null || o.lastEventId.compareTo(lastEventId) > 0))) {
            lastTime = o.lastTime;
            lastEventId = o.lastEventId;
            lastValue = o.lastValue;
        }
        if (keepDistinct && o.distinct != null) {
            if (distinct == null) {
                distinct = new TreeSet<>();
            }
            distinct.addAll(o.distinct);
        }
        lastEventTime = Math.max(lastEventTime, o.lastEventTime);
    }
}
