package io.kpipulse.indicators;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.TargetResolver;
import io.kpipulse.catalog.TargetRule;
import io.kpipulse.catalog.ValueRule;
import io.kpipulse.catalog.WindowBounds;
import io.kpipulse.catalog.WindowType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the windows of one (tenant, indicator, subject) and publishes their values.
 *
 * <p>Keyed by {@link SubjectItem#key()}; items arrive folded per key and day ({@link SubjectBatch}, from
 * {@link LocalPreAggregation}), each day's part merged into every window it belongs to. Items update one instance per stored window type
 * ({@link ValueRule#storedWindows}): the calendar windows, DAY for the rolling windows the read model
 * assembles from days (every decomposable kind), and for the rolling windows of holistic kinds (median,
 * p90, distinct count, last) one daily part, from which this operator writes their instances itself. Changes are coalesced: a key publishes at most once per
 * {@code flushIntervalMillis} of processing time, so rows written scale with keys that changed, not with
 * events; while a backlog is caught up (watermark more than the live lag behind processing time) over
 * {@code catchUpFlushMillis} instead. The as-of day is the watermark's day in the tenant's zone; a timer at each tenant midnight
 * moves it on even without new items. A flush writes the rolling instances {@link RollingInstances}
 * names: the ones a changed day belongs to, up to the as-of day (so an item dated before the as-of day
 * also corrects the earlier instances that contain it), and the ones the as-of day passed. The closed
 * days of the instance ending on the as-of day are merged once per as-of day and kept, so the common
 * flush merges two accumulators instead of up to 90 daily parts.
 *
 * <p>All of a key's windows live in one {@link SubjectWindows} (one state access per item, instances
 * addressed by type and day), and the key remembers its timers: an item registers a flush timer only when
 * none is pending, the end-of-input timer once, a midnight only when the watermark passed the pending one.
 *
 * <p>Admission accepts no event dated {@code horizonMillis} or more before the watermark, and nothing
 * downstream dates an item earlier than the events it comes from; so state is kept exactly that long: a
 * calendar instance until the watermark passes its end by {@code horizonMillis} (plus two days for any
 * time zone), a daily part while a rolling instance within the horizon still covers it (plus a day). An item
 * therefore always finds the whole of every window it belongs to, and the version of a window's rows
 * grows with every item. A catalog update re-publishes nothing by itself; each key uses the new
 * definitions (targets) from its next change on.
 */
public class IndicatorAggregator
        extends KeyedBroadcastProcessFunction<String, SubjectBatch, CatalogUpdate, IndicatorRow> {

    private static final long serialVersionUID = 1L;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long MAX_CALENDAR_MILLIS =
            java.time.Instant.parse("9999-12-30T00:00:00Z").toEpochMilli();

    private final CurrentCatalog catalog;
    private final long flushIntervalMillis;
    private final long catchUpFlushMillis;
    private final long liveLagMillis;
    private final long horizonMillis;

    private transient ValueState<SubjectWindows> state;
    private transient Map<IndicatorDefinition, Set<WindowType>> stored;

    /**
     * @param catchUpFlushMillis the coalescing interval instead while the watermark is more than
     *                      {@code liveLagMillis} behind processing time (a backlog or replay being caught up)
     * @param horizonMillis how far before the watermark admission still accepts an event (allowed lateness
     *                      + dedup margin): how long window state must outlive a window
     */
    public IndicatorAggregator(
            CatalogUpdate initialCatalog,
            long flushIntervalMillis,
            long catchUpFlushMillis,
            long liveLagMillis,
            long horizonMillis) {
        this.catalog = new CurrentCatalog(initialCatalog);
        this.flushIntervalMillis = flushIntervalMillis;
        this.catchUpFlushMillis = catchUpFlushMillis;
        this.liveLagMillis = liveLagMillis;
        this.horizonMillis = horizonMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("windows", SubjectWindowsSerializer.INSTANCE));
    }

    @Override
    public void processElement(SubjectBatch batch, ReadOnlyContext ctx, Collector<IndicatorRow> out) throws Exception {
        SubjectItem last = batch.last();
        IndicatorDefinition definition = catalog.definition(
                ctx.getBroadcastState(CurrentCatalog.STATE), last.item().indicatorId());
        if (definition == null) {
            return; // The indicator was removed from the catalog; its items no longer count.
        }
        SubjectWindows w = state.value();
        if (w == null) {
            w = new SubjectWindows();
        }
        boolean keepSamples = needsSamples(definition);
        boolean keepDistinct = definition.aggregation() instanceof io.kpipulse.catalog.Aggregation.Measure m
                && m.kind() == io.kpipulse.catalog.Aggregation.MeasureKind.DISTINCT_COUNT;
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
                    w.calendar.add(instance);
                    ctx.timerService().registerEventTimeTimer(cleanupTime(instance.endDay));
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
            registerNextMidnight(ctx, w, last.zoneId());
        }
        w.lastItem = last;
        scheduleFlush(ctx, w);
        state.update(w);
    }

    @Override
    public void processBroadcastElement(CatalogUpdate update, Context ctx, Collector<IndicatorRow> out)
            throws Exception {
        CurrentCatalog.offer(ctx.getBroadcastState(CurrentCatalog.STATE), update);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) throws Exception {
        SubjectWindows w = state.value();
        if (w == null || w.lastItem == null) {
            return;
        }
        boolean eventTime = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME;
        if (!eventTime) {
            w.flushAt = SubjectWindows.NONE; // the one flush timer a key has
        } else if (timestamp == w.midnight) {
            w.midnight = SubjectWindows.NONE;
        } else if (timestamp == Long.MAX_VALUE) {
            w.endTimer = false;
        }
        SubjectItem subject = w.lastItem;
        IndicatorCatalog current =
                catalog.catalog(ctx.getBroadcastState(CurrentCatalog.STATE).get(CurrentCatalog.KEY));
        IndicatorDefinition definition =
                current.find(subject.item().indicatorId()).orElse(null);
        if (definition == null) {
            // The indicator left the catalog. Its cleanup timers fire once and find nothing.
            clear(ctx, w);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        if (eventTime && timestamp != Long.MAX_VALUE && hasRolling(definition)) {
            // A tenant midnight (or any event-time timer) may have moved the as-of day on.
            if (w.publishedAsOf == SubjectWindows.NONE || asOfDay(subject, watermark) > w.publishedAsOf) {
                w.rollingDirty = true;
            }
        }
        flush(
                w,
                definition,
                current.version(),
                subject,
                watermark,
                ctx.timerService().currentProcessingTime(),
                out);
        if (eventTime && timestamp != Long.MAX_VALUE) {
            w.calendar.removeIf(i -> cleanupTime(i.endDay) <= timestamp && !i.acc.unpublished);
            if (w.isEmpty()) {
                clear(ctx, w);
                return;
            }
            if (hasRolling(definition)) {
                registerNextMidnight(ctx, w, subject.zoneId());
            }
        }
        state.update(w);
    }

    /** Nothing left to keep: the state goes, and the timers that would only find nothing. */
    private void clear(OnTimerContext ctx, SubjectWindows w) {
        if (w.endTimer) {
            ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
        }
        if (w.midnight != SubjectWindows.NONE) {
            ctx.timerService().deleteEventTimeTimer(w.midnight);
        }
        if (w.flushAt != SubjectWindows.NONE) {
            ctx.timerService().deleteProcessingTimeTimer(w.flushAt);
        }
        state.clear();
    }

    private void flush(
            SubjectWindows w,
            IndicatorDefinition definition,
            long catalogVersion,
            SubjectItem subject,
            long watermark,
            long now,
            Collector<IndicatorRow> out) {
        List<WindowInstance> changed = new ArrayList<>();
        for (WindowInstance i : w.calendar) {
            if (i.acc.unpublished) {
                changed.add(i);
            }
        }
        changed.sort(WindowInstance::compare);
        for (WindowInstance i : changed) {
            out.collect(row(definition, catalogVersion, subject, i.bounds(), i.acc, now));
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
            Collector<IndicatorRow> out) {
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
                    out.collect(row(definition, catalogVersion, subject, bounds, window, now));
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
        long watermarkDay = java.time.Instant.ofEpochMilli(watermark)
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
    private void scheduleFlush(ReadOnlyContext ctx, SubjectWindows w) {
        if (w.flushAt == SubjectWindows.NONE) {
            long now = ctx.timerService().currentProcessingTime();
            long watermark = ctx.timerService().currentWatermark();
            long interval = watermark != Long.MIN_VALUE && now - watermark > liveLagMillis
                    ? catchUpFlushMillis
                    : flushIntervalMillis;
            w.flushAt = (now / interval + 1) * interval;
            ctx.timerService().registerProcessingTimeTimer(w.flushAt);
        }
        if (!w.endTimer) {
            // At the end of a bounded input processing-time timers may never fire; the final watermark flushes.
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            w.endTimer = true;
        }
    }

    /**
     * The timer at the first tenant midnight after the watermark. A pending one after the watermark is that
     * midnight already (the watermark only moves on), so most items compute nothing.
     */
    private static void registerNextMidnight(ReadOnlyContext ctx, SubjectWindows w, String zoneId) {
        long watermark = ctx.timerService().currentWatermark();
        if (w.midnight != SubjectWindows.NONE && watermark < w.midnight) {
            return;
        }
        w.midnight = midnightAfter(watermark, ZoneId.of(zoneId));
        ctx.timerService().registerEventTimeTimer(w.midnight);
    }

    private static long midnightAfter(long millis, ZoneId zone) {
        if (millis == Long.MIN_VALUE) {
            return Long.MIN_VALUE + 1;
        }
        if (millis > MAX_CALENDAR_MILLIS) {
            return Long.MAX_VALUE; // The final watermark of a bounded input: no more days.
        }
        LocalDate day = java.time.Instant.ofEpochMilli(millis).atZone(zone).toLocalDate();
        return day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
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
        return d.aggregation() instanceof io.kpipulse.catalog.Aggregation.PairedDuration p
                && (p.statistic() == io.kpipulse.catalog.Aggregation.DurationStatistic.MEDIAN
                        || p.statistic() == io.kpipulse.catalog.Aggregation.DurationStatistic.P90);
    }
}
