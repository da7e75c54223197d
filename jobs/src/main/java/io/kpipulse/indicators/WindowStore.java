package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.TargetResolver;
import io.kpipulse.catalog.TargetRule;
import io.kpipulse.catalog.ValueRule;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The windows of one (tenant, indicator, subject) key, without Flink: items merged into every window they
 * belong to, values published, state expired. {@link IndicatorAggregator} keeps a key's {@link SubjectWindows}
 * in Flink state and hands its timer service over as {@link Timers}.
 *
 * <p>Items update one instance per stored window type ({@link ValueRule#storedWindows}): the calendar windows,
 * DAY for the rolling windows the read model assembles from days (every decomposable kind), and for the
 * rolling windows of holistic kinds (median, p90, distinct count, last) one daily part, from which the key
 * writes their instances itself. Changes are coalesced: a key publishes at most once per
 * {@code flushIntervalMillis} of processing time, so rows written scale with keys that changed, not with
 * events; while a backlog is caught up (watermark more than the live lag behind processing time) over
 * {@code catchUpFlushMillis} instead. The as-of day is the watermark's day in the tenant's zone; a timer at
 * each tenant midnight moves it on even without new items. A flush writes the rolling instances
 * {@link RollingInstances} names: the ones a changed day belongs to, up to the as-of day (so an item dated
 * before the as-of day also corrects the earlier instances that contain it), and the ones the as-of day passed.
 * The closed days of the instance ending on the as-of day are merged once per as-of day and kept, so the
 * common flush merges two accumulators instead of up to 90 daily parts.
 *
 * <p>The key remembers its timers: an item registers a flush timer only when none is pending, the end-of-input
 * timer once, a midnight only when the watermark passed the pending one. Of the calendar instances' cleanup
 * times only the earliest has a timer: a new instance registers one only when it ends before every other, and
 * each cleanup registers the next. (Any event-time timer cleans up, so state restored with a timer per instance
 * is cleaned the same.) A timer per instance held several timers per key in the heap and in every checkpoint.
 *
 * <p>Admission accepts no event dated {@code horizonMillis} or more before the watermark, and nothing
 * downstream dates an item earlier than the events it comes from; so state is kept exactly that long: a
 * calendar instance until the watermark passes its end by {@code horizonMillis} (plus two days for any time
 * zone), a daily part while a rolling instance within the horizon still covers it (plus a day). An item
 * therefore always finds the whole of every window it belongs to, and the version of a window's rows grows
 * with every item.
 */
final class WindowStore {

    /** The timers and clocks of the key being processed. */
    interface Timers {
        long watermark();

        long processingTime();

        void registerEventTime(long time);

        void registerProcessingTime(long time);

        void deleteEventTime(long time);

        void deleteProcessingTime(long time);
    }

    private static final long DAY_MILLIS = 86_400_000L;
    private static final long MAX_CALENDAR_MILLIS =
            Instant.parse("9999-12-30T00:00:00Z").toEpochMilli();

    private final long flushIntervalMillis;
    private final long catchUpFlushMillis;
    private final long liveLagMillis;
    private final long horizonMillis;
    private Map<IndicatorDefinition, Set<WindowType>> stored;

    /**
     * @param catchUpFlushMillis the coalescing interval instead while the watermark is more than
     *                      {@code liveLagMillis} behind processing time (a backlog or replay being caught up)
     * @param horizonMillis how far before the watermark admission still accepts an event (allowed lateness
     *                      + dedup margin): how long window state must outlive a window
     */
    WindowStore(long flushIntervalMillis, long catchUpFlushMillis, long liveLagMillis, long horizonMillis) {
        this.flushIntervalMillis = flushIntervalMillis;
        this.catchUpFlushMillis = catchUpFlushMillis;
        this.liveLagMillis = liveLagMillis;
        this.horizonMillis = horizonMillis;
    }

    /** Merges a key's batch of items into its windows and schedules their publication. */
    void add(SubjectWindows w, IndicatorDefinition definition, SubjectBatch batch, Timers timers) {
        SubjectItem last = batch.last();
        boolean keepSamples = needsSamples(definition);
        boolean keepDistinct = definition.aggregation() instanceof Aggregation.Measure m
                && m.kind() == Aggregation.MeasureKind.DISTINCT_COUNT;
        boolean rolling = false;
        for (Map.Entry<Long, WindowAccumulator> part : batch.days().entrySet()) {
            long day = part.getKey();
            WindowAccumulator items = part.getValue();
            for (WindowType type : storedWindows(definition)) {
                if (type.isRolling()) {
                    rolling = true;
                    continue;
                }
                WindowInstance instance = w.instance(type, day);
                if (instance == null) {
                    instance = WindowInstance.of(type.instanceFor(LocalDate.ofEpochDay(day)));
                    if (instance.endDay < earliestEnd(w)) {
                        timers.registerEventTime(cleanupTime(instance.endDay));
                    }
                    w.calendar.add(instance);
                }
                instance.acc.merge(items, keepSamples, keepDistinct);
                instance.acc.unpublished = true;
            }
            if (rolling) {
                w.daily.computeIfAbsent(day, d -> new WindowAccumulator()).merge(items, keepSamples, keepDistinct);
                w.changedDays.add(day);
                if (w.publishedAsOf != SubjectWindows.NONE && day < w.publishedAsOf) {
                    w.closedDays.clear(); // a closed day changed: merge them again at the next publication
                }
            }
        }
        if (rolling) {
            w.rollingDirty = true;
            registerNextMidnight(timers, w, last.zoneId());
        }
        w.lastItem = last;
        scheduleFlush(timers, w);
    }

    /**
     * A timer of the key fired: publishes what changed and drops what no item can reach any more.
     *
     * @param definition the key's indicator in the current catalog, or null once it left the catalog
     * @return whether the key still keeps anything (false: its state goes)
     */
    boolean onTimer(
            SubjectWindows w,
            IndicatorDefinition definition,
            long catalogVersion,
            long timestamp,
            boolean eventTime,
            Timers timers,
            Consumer<IndicatorRow> out) {
        if (!eventTime) {
            w.flushAt = SubjectWindows.NONE; // the one flush timer a key has
        } else if (timestamp == w.midnight) {
            w.midnight = SubjectWindows.NONE;
        } else if (timestamp == Long.MAX_VALUE) {
            w.endTimer = false;
        }
        if (definition == null) {
            // The indicator left the catalog. Its cleanup timer fires once and finds nothing.
            clearTimers(timers, w);
            return false;
        }
        SubjectItem subject = w.lastItem;
        long watermark = timers.watermark();
        if (eventTime && timestamp != Long.MAX_VALUE && hasRolling(definition)) {
            // A tenant midnight (or any event-time timer) may have moved the as-of day on.
            if (w.publishedAsOf == SubjectWindows.NONE || asOfDay(subject, watermark) > w.publishedAsOf) {
                w.rollingDirty = true;
            }
        }
        flush(w, definition, catalogVersion, subject, watermark, timers.processingTime(), out);
        if (eventTime && timestamp != Long.MAX_VALUE) {
            w.calendar.removeIf(i -> cleanupTime(i.endDay) <= timestamp && !i.acc.unpublished);
            if (w.isEmpty()) {
                clearTimers(timers, w);
                return false;
            }
            if (!w.calendar.isEmpty()) {
                timers.registerEventTime(cleanupTime(earliestEnd(w))); // the same time again is no new timer
            }
            if (hasRolling(definition)) {
                registerNextMidnight(timers, w, subject.zoneId());
            }
        }
        return true;
    }

    /** Nothing left to keep: the timers that would only find nothing go too. */
    private static void clearTimers(Timers timers, SubjectWindows w) {
        if (w.endTimer) {
            timers.deleteEventTime(Long.MAX_VALUE);
        }
        if (w.midnight != SubjectWindows.NONE) {
            timers.deleteEventTime(w.midnight);
        }
        if (w.flushAt != SubjectWindows.NONE) {
            timers.deleteProcessingTime(w.flushAt);
        }
    }

    private void flush(
            SubjectWindows w,
            IndicatorDefinition definition,
            long catalogVersion,
            SubjectItem subject,
            long watermark,
            long now,
            Consumer<IndicatorRow> out) {
        List<WindowInstance> changed = new ArrayList<>();
        for (WindowInstance i : w.calendar) {
            if (i.acc.unpublished) {
                changed.add(i);
            }
        }
        changed.sort(WindowInstance::compare);
        for (WindowInstance i : changed) {
            out.accept(row(definition, catalogVersion, subject, i.bounds(), i.acc, now));
            i.acc.unpublished = false;
        }
        if (w.rollingDirty) {
            publishRolling(w, definition, catalogVersion, subject, watermark, now, out);
            w.rollingDirty = false;
        }
    }

    private void publishRolling(
            SubjectWindows w,
            IndicatorDefinition definition,
            long catalogVersion,
            SubjectItem subject,
            long watermark,
            long now,
            Consumer<IndicatorRow> out) {
        NavigableSet<Long> itemDays = w.daily.navigableKeySet();
        // Never before the newest day with items: this operator's watermark may trail admission's.
        long asOf = Math.max(asOfDay(subject, watermark), itemDays.isEmpty() ? Long.MIN_VALUE : itemDays.last());
        Long published = w.publishedAsOf == SubjectWindows.NONE ? null : w.publishedAsOf;
        if (published != null && asOf < published) {
            asOf = published; // The watermark never goes back; guard against a restored timer order.
        }
        if (published == null || published != asOf) {
            w.closedDays.clear(); // a new as-of day closes another day
        }
        List<Long> changed = new ArrayList<>(w.changedDays);
        w.changedDays.clear();
        int longest = 0;
        for (WindowType type : storedWindows(definition)) {
            if (type.isRolling()) {
                longest = Math.max(longest, type.rollingDays());
                for (long a : RollingInstances.toWrite(itemDays, changed, published, asOf, type.rollingDays())) {
                    WindowBounds bounds = type.instanceFor(LocalDate.ofEpochDay(a));
                    WindowAccumulator window = a == asOf ? current(w, type, bounds) : merged(w, bounds);
                    out.accept(row(definition, catalogVersion, subject, bounds, window, now));
                }
            }
        }
        w.publishedAsOf = asOf;
        // An item may still come for any day the horizon reaches back to and change every instance from
        // that day on: keep what the oldest of them covers, and one day more for admission's clock, which
        // may lag the watermark at a checkpoint. (Whether a later instance is the first after an item left
        // needs no older day: those instances end after the as-of day.)
        w.daily.headMap(asOf - horizonDays() - longest).clear();
    }

    /** The instance ending on the as-of day: its closed days merged once per as-of day, plus that day. */
    private static WindowAccumulator current(SubjectWindows w, WindowType type, WindowBounds bounds) {
        long asOf = bounds.end().toEpochDay();
        WindowAccumulator closed = w.closedDays.get(type);
        if (closed == null) {
            closed = merged(
                    w, new WindowBounds(type, bounds.start(), bounds.end().minusDays(1)));
            w.closedDays.put(type, closed);
        }
        WindowAccumulator today = w.daily.get(asOf);
        return today == null ? closed : WindowAccumulator.merged(closed, today);
    }

    /** The daily parts of {@code bounds}, merged. */
    private static WindowAccumulator merged(SubjectWindows w, WindowBounds bounds) {
        WindowAccumulator window = new WindowAccumulator();
        for (WindowAccumulator part : w.daily
                .subMap(bounds.start().toEpochDay(), true, bounds.end().toEpochDay(), true)
                .values()) {
            window.merge(part);
        }
        return window;
    }

    /** Whole days the horizon reaches back from the as-of day. */
    private long horizonDays() {
        return (horizonMillis + DAY_MILLIS - 1) / DAY_MILLIS;
    }

    /** The as-of day: the watermark's day in the tenant zone, but never before the newest item's day. */
    private static long asOfDay(SubjectItem subject, long watermark) {
        long itemDay = subject.item().epochDay();
        if (watermark == Long.MIN_VALUE || watermark == Long.MAX_VALUE) {
            return itemDay;
        }
        long watermarkDay = Instant.ofEpochMilli(watermark)
                .atZone(ZoneId.of(subject.zoneId()))
                .toLocalDate()
                .toEpochDay();
        return Math.max(itemDay, watermarkDay);
    }

    private IndicatorRow row(
            IndicatorDefinition d,
            long catalogVersion,
            SubjectItem subject,
            WindowBounds bounds,
            WindowAccumulator acc,
            long now) {
        ComputedValue v = ValueComputer.compute(d, acc);
        BigDecimal target = TargetResolver.resolve(d.targets(), bounds, subject.subjectType(), subject.subjectPath())
                .map(TargetRule::target)
                .orElse(null);
        return new IndicatorRow(
                subject.item().tenantId(),
                d.id(),
                bounds.type(),
                bounds.start(),
                bounds.end(),
                subject.subjectType(),
                subject.subjectId(),
                subject.subjectPath(),
                v.value(),
                v.numerator(),
                v.denominator(),
                target,
                ValueRule.attainment(d.direction(), v.value(), target),
                acc.items,
                acc.lastEventTime,
                catalogVersion,
                IndicatorRow.versionOf(acc.parts, catalogVersion),
                now);
    }

    /**
     * One pending flush timer and one end-of-input timer per key, registered when the key has none. The
     * flush interval is the catch-up one while the watermark trails processing time by more than the live
     * lag: values of the past are not watched live, and a replay then writes few intermediate rows.
     */
    private void scheduleFlush(Timers timers, SubjectWindows w) {
        if (w.flushAt == SubjectWindows.NONE) {
            long now = timers.processingTime();
            long watermark = timers.watermark();
            long interval = watermark != Long.MIN_VALUE && now - watermark > liveLagMillis
                    ? catchUpFlushMillis
                    : flushIntervalMillis;
            w.flushAt = (now / interval + 1) * interval;
            timers.registerProcessingTime(w.flushAt);
        }
        if (!w.endTimer) {
            // At the end of a bounded input processing-time timers may never fire; the final watermark flushes.
            timers.registerEventTime(Long.MAX_VALUE);
            w.endTimer = true;
        }
    }

    /**
     * The timer at the first tenant midnight after the watermark. A pending one after the watermark is that
     * midnight already (the watermark only moves on), so most items compute nothing.
     */
    private static void registerNextMidnight(Timers timers, SubjectWindows w, String zoneId) {
        long watermark = timers.watermark();
        if (w.midnight != SubjectWindows.NONE && watermark < w.midnight) {
            return;
        }
        w.midnight = midnightAfter(watermark, ZoneId.of(zoneId));
        timers.registerEventTime(w.midnight);
    }

    private static long midnightAfter(long millis, ZoneId zone) {
        if (millis == Long.MIN_VALUE) {
            return Long.MIN_VALUE + 1;
        }
        if (millis > MAX_CALENDAR_MILLIS) {
            return Long.MAX_VALUE; // The final watermark of a bounded input: no more days.
        }
        LocalDate day = Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
        return day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** The earliest end day of the key's calendar instances, or {@link Long#MAX_VALUE} when it has none. */
    private static long earliestEnd(SubjectWindows w) {
        long earliest = Long.MAX_VALUE;
        for (WindowInstance i : w.calendar) {
            earliest = Math.min(earliest, i.endDay);
        }
        return earliest;
    }

    private long cleanupTime(long windowEndDay) {
        // Two days past the end covers every time zone; the horizon covers the oldest event admission accepts.
        return (windowEndDay + 2) * DAY_MILLIS + horizonMillis;
    }

    /** Whether the key writes rolling instances itself (holistic kinds; the others are assembled when read). */
    private boolean hasRolling(IndicatorDefinition d) {
        for (WindowType type : storedWindows(d)) {
            if (type.isRolling()) {
                return true;
            }
        }
        return false;
    }

    /** {@link ValueRule#storedWindows}, computed once per definition (a catalog version parses new ones). */
    private Set<WindowType> storedWindows(IndicatorDefinition d) {
        if (stored == null || stored.size() > 4096) {
            stored = new IdentityHashMap<>();
        }
        return stored.computeIfAbsent(d, ValueRule::storedWindows);
    }

    private static boolean needsSamples(IndicatorDefinition d) {
        return d.aggregation() instanceof Aggregation.PairedDuration p
                && (p.statistic() == Aggregation.DurationStatistic.MEDIAN
                        || p.statistic() == Aggregation.DurationStatistic.P90);
    }
}
