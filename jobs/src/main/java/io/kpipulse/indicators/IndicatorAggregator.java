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
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the windows of one (tenant, indicator, subject) and publishes their values.
 *
 * <p>Keyed by {@link SubjectItem#key()}. Items update one instance per stored window type
 * ({@link ValueRule#storedWindows}): the calendar windows, DAY for the rolling windows the read model
 * assembles from days (every decomposable kind), and for the rolling windows of holistic kinds (median,
 * p90, distinct count, last) one daily part, from which this operator writes their instances itself. Changes are coalesced: a key publishes at most once per
 * {@code flushIntervalMillis} of processing time, so rows written scale with keys that changed, not with
 * events. The as-of day is the watermark's day in the tenant's zone; a timer at each tenant midnight
 * moves it on even without new items. A flush writes the rolling instances {@link RollingInstances}
 * names: the ones a changed day belongs to, up to the as-of day (so an item dated before the as-of day
 * also corrects the earlier instances that contain it), and the ones the as-of day passed. The closed
 * days of the instance ending on the as-of day are merged once per as-of day and kept, so the common
 * flush merges two accumulators instead of up to 90 daily parts.
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
        extends KeyedBroadcastProcessFunction<String, SubjectItem, CatalogUpdate, IndicatorRow> {

    private static final long serialVersionUID = 1L;
    private static final long DAY_MILLIS = 86_400_000L;
    private static final long MAX_CALENDAR_MILLIS =
            java.time.Instant.parse("9999-12-30T00:00:00Z").toEpochMilli();

    private final CurrentCatalog catalog;
    private final long flushIntervalMillis;
    private final long horizonMillis;

    private transient MapState<String, WindowAccumulator> calendar;
    private transient MapState<Long, WindowAccumulator> daily;
    /** Per rolling window type: its closed days (all but the as-of day) as of {@link #publishedAsOf}. */
    private transient MapState<String, WindowAccumulator> closedDays;
    /** Days whose daily part changed since the rolling windows were last written. */
    private transient MapState<Long, Boolean> changedDays;

    private transient ValueState<Boolean> rollingDirty;
    private transient ValueState<Long> publishedAsOf;
    private transient ValueState<SubjectItem> lastItem;
    private transient Map<IndicatorDefinition, Set<WindowType>> stored;

    /**
     * @param horizonMillis how far before the watermark admission still accepts an event (allowed lateness
     *                      + dedup margin): how long window state must outlive a window
     */
    public IndicatorAggregator(CatalogUpdate initialCatalog, long flushIntervalMillis, long horizonMillis) {
        this.catalog = new CurrentCatalog(initialCatalog);
        this.flushIntervalMillis = flushIntervalMillis;
        this.horizonMillis = horizonMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        TypeInformation<WindowAccumulator> acc = TypeInformation.of(WindowAccumulator.class);
        calendar = getRuntimeContext().getMapState(new MapStateDescriptor<>("calendar", Types.STRING, acc));
        daily = getRuntimeContext().getMapState(new MapStateDescriptor<>("daily", Types.LONG, acc));
        closedDays = getRuntimeContext().getMapState(new MapStateDescriptor<>("closedDays", Types.STRING, acc));
        changedDays =
                getRuntimeContext().getMapState(new MapStateDescriptor<>("changedDays", Types.LONG, Types.BOOLEAN));
        rollingDirty = getRuntimeContext().getState(new ValueStateDescriptor<>("rollingDirty", Types.BOOLEAN));
        publishedAsOf = getRuntimeContext().getState(new ValueStateDescriptor<>("publishedAsOf", Types.LONG));
        lastItem = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("lastItem", new TypeHint<SubjectItem>() {}.getTypeInfo()));
    }

    @Override
    public void processElement(SubjectItem element, ReadOnlyContext ctx, Collector<IndicatorRow> out) throws Exception {
        IndicatorDefinition definition = catalog.definition(
                ctx.getBroadcastState(CurrentCatalog.STATE), element.item().indicatorId());
        if (definition == null) {
            return; // The indicator was removed from the catalog; its items no longer count.
        }
        boolean keepSamples = needsSamples(definition);
        boolean keepDistinct = definition.aggregation() instanceof io.kpipulse.catalog.Aggregation.Measure m
                && m.kind() == io.kpipulse.catalog.Aggregation.MeasureKind.DISTINCT_COUNT;
        LocalDate day = LocalDate.ofEpochDay(element.item().epochDay());
        boolean rolling = false;
        for (WindowType type : storedWindows(definition)) {
            if (type.isRolling()) {
                rolling = true;
                continue;
            }
            WindowBounds bounds = type.instanceFor(day);
            String key = instanceKey(type, bounds.start());
            WindowAccumulator acc = calendar.get(key);
            if (acc == null) {
                acc = new WindowAccumulator();
                ctx.timerService().registerEventTimeTimer(cleanupTime(bounds.end()));
            }
            acc.add(element.item(), keepSamples, keepDistinct);
            acc.unpublished = true;
            calendar.put(key, acc);
        }
        if (rolling) {
            WindowAccumulator part = daily.get(element.item().epochDay());
            if (part == null) {
                part = new WindowAccumulator();
            }
            part.add(element.item(), keepSamples, keepDistinct);
            daily.put(element.item().epochDay(), part);
            changedDays.put(element.item().epochDay(), Boolean.TRUE);
            Long published = publishedAsOf.value();
            if (published != null && element.item().epochDay() < published) {
                closedDays.clear(); // a closed day changed: merge them again at the next publication
            }
            rollingDirty.update(Boolean.TRUE);
            registerNextMidnight(ctx, element.zoneId());
        }
        lastItem.update(element);
        scheduleFlush(ctx);
    }

    @Override
    public void processBroadcastElement(CatalogUpdate update, Context ctx, Collector<IndicatorRow> out)
            throws Exception {
        CurrentCatalog.offer(ctx.getBroadcastState(CurrentCatalog.STATE), update);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<IndicatorRow> out) throws Exception {
        SubjectItem subject = lastItem.value();
        if (subject == null) {
            return;
        }
        IndicatorCatalog current =
                catalog.catalog(ctx.getBroadcastState(CurrentCatalog.STATE).get(CurrentCatalog.KEY));
        IndicatorDefinition definition =
                current.find(subject.item().indicatorId()).orElse(null);
        if (definition == null) {
            // The indicator left the catalog. Other timers of the key fire once and find nothing; the
            // end-of-input one would stay until the job ends.
            clearAll();
            ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
            return;
        }
        long watermark = ctx.timerService().currentWatermark();
        boolean eventTime = ctx.timeDomain() == org.apache.flink.streaming.api.TimeDomain.EVENT_TIME;
        if (eventTime && timestamp != Long.MAX_VALUE && hasRolling(definition)) {
            // A tenant midnight (or any event-time timer) may have moved the as-of day on.
            Long published = publishedAsOf.value();
            if (published == null || asOfDay(subject, watermark) > published) {
                rollingDirty.update(Boolean.TRUE);
            }
        }
        flush(
                definition,
                current.version(),
                subject,
                watermark,
                ctx.timerService().currentProcessingTime(),
                out);
        if (eventTime && timestamp != Long.MAX_VALUE) {
            evictFinished(timestamp);
            if (lastItem.value() == null) {
                // Nothing left: drop the end-of-input flush and a midnight registered earlier in this advance.
                ctx.timerService().deleteEventTimeTimer(Long.MAX_VALUE);
                ctx.timerService().deleteEventTimeTimer(midnightAfter(watermark, ZoneId.of(subject.zoneId())));
            } else if (hasRolling(definition)) {
                registerNextMidnight(ctx, subject.zoneId());
            }
        }
    }

    private void flush(
            IndicatorDefinition definition,
            long catalogVersion,
            SubjectItem subject,
            long watermark,
            long now,
            Collector<IndicatorRow> out)
            throws Exception {
        List<Map.Entry<String, WindowAccumulator>> changed = new ArrayList<>();
        for (Map.Entry<String, WindowAccumulator> e : calendar.entries()) {
            if (e.getValue().unpublished) {
                changed.add(e);
            }
        }
        changed.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, WindowAccumulator> e : changed) {
            WindowAccumulator acc = e.getValue();
            out.collect(row(definition, catalogVersion, subject, instanceOf(e.getKey()), acc, now));
            acc.unpublished = false;
            calendar.put(e.getKey(), acc);
        }
        if (Boolean.TRUE.equals(rollingDirty.value())) {
            publishRolling(definition, catalogVersion, subject, watermark, now, out);
            rollingDirty.clear();
        }
    }

    private void publishRolling(
            IndicatorDefinition definition,
            long catalogVersion,
            SubjectItem subject,
            long watermark,
            long now,
            Collector<IndicatorRow> out)
            throws Exception {
        TreeSet<Long> itemDays = new TreeSet<>();
        for (Long d : daily.keys()) {
            itemDays.add(d);
        }
        // Never before the newest day with items: this operator's watermark may trail admission's.
        long asOf = Math.max(asOfDay(subject, watermark), itemDays.isEmpty() ? Long.MIN_VALUE : itemDays.last());
        Long published = publishedAsOf.value();
        if (published != null && asOf < published) {
            asOf = published; // The watermark never goes back; guard against a restored timer order.
        }
        if (published == null || published != asOf) {
            closedDays.clear(); // a new as-of day closes another day
        }
        List<Long> changed = new ArrayList<>();
        for (Long d : changedDays.keys()) {
            changed.add(d);
        }
        changedDays.clear();
        int longest = 0;
        for (WindowType type : storedWindows(definition)) {
            if (type.isRolling()) {
                longest = Math.max(longest, type.rollingDays());
                for (long a : RollingInstances.toWrite(itemDays, changed, published, asOf, type.rollingDays())) {
                    WindowBounds bounds = type.instanceFor(LocalDate.ofEpochDay(a));
                    WindowAccumulator window = a == asOf ? current(type, bounds) : merged(bounds);
                    out.collect(row(definition, catalogVersion, subject, bounds, window, now));
                }
            }
        }
        publishedAsOf.update(asOf);
        // An item may still come for any day the horizon reaches back to and change every instance from
        // that day on: keep what the oldest of them covers, and one day more for admission's clock, which
        // may lag the watermark at a checkpoint. (Whether a later instance is the first after an item left
        // needs no older day: those instances end after the as-of day.)
        long keepFrom = asOf - horizonDays() - longest;
        for (Long d : itemDays.headSet(keepFrom)) {
            daily.remove(d);
        }
    }

    /** The instance ending on the as-of day: its closed days merged once per as-of day, plus that day. */
    private WindowAccumulator current(WindowType type, WindowBounds bounds) throws Exception {
        long asOf = bounds.end().toEpochDay();
        WindowAccumulator closed = closedDays.get(type.name());
        if (closed == null) {
            closed = merged(new WindowBounds(type, bounds.start(), bounds.end().minusDays(1)));
            closedDays.put(type.name(), closed);
        }
        WindowAccumulator today = daily.get(asOf);
        return today == null ? closed : WindowAccumulator.merged(closed, today);
    }

    /** The daily parts of {@code bounds}, merged. */
    private WindowAccumulator merged(WindowBounds bounds) throws Exception {
        WindowAccumulator window = new WindowAccumulator();
        for (long d = bounds.start().toEpochDay(); d <= bounds.end().toEpochDay(); d++) {
            WindowAccumulator part = daily.get(d);
            if (part != null) {
                window.merge(part);
            }
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

    private void scheduleFlush(ReadOnlyContext ctx) {
        long now = ctx.timerService().currentProcessingTime();
        ctx.timerService().registerProcessingTimeTimer((now / flushIntervalMillis + 1) * flushIntervalMillis);
        // At the end of a bounded input processing-time timers may never fire; the final watermark flushes.
        ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
    }

    private void registerNextMidnight(ReadOnlyContext ctx, String zoneId) {
        long watermark = ctx.timerService().currentWatermark();
        ctx.timerService().registerEventTimeTimer(midnightAfter(watermark, ZoneId.of(zoneId)));
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

    private long cleanupTime(LocalDate windowEnd) {
        // Two days past the end covers every time zone; the horizon covers the oldest event admission accepts.
        return windowEnd.plusDays(2).toEpochDay() * DAY_MILLIS + horizonMillis;
    }

    private void evictFinished(long timestamp) throws Exception {
        List<String> finished = new ArrayList<>();
        for (Map.Entry<String, WindowAccumulator> e : calendar.entries()) {
            String key = e.getKey();
            if (cleanupTime(instanceOf(key).end()) <= timestamp && !e.getValue().unpublished) {
                finished.add(key);
            }
        }
        for (String key : finished) {
            calendar.remove(key);
        }
        if (calendar.isEmpty() && daily.isEmpty()) {
            clearAll();
        }
    }

    private void clearAll() {
        calendar.clear();
        daily.clear();
        closedDays.clear();
        changedDays.clear();
        rollingDirty.clear();
        publishedAsOf.clear();
        lastItem.clear();
    }

    /** Whether the key writes rolling instances itself (holistic kinds; the others are assembled when read). */
    private boolean hasRolling(IndicatorDefinition d) {
        return storedWindows(d).stream().anyMatch(WindowType::isRolling);
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

    static String instanceKey(WindowType type, LocalDate start) {
        return type.name() + ':' + start.toEpochDay();
    }

    /** The window instance an {@link #instanceKey} names. */
    static WindowBounds instanceOf(String key) {
        int colon = key.indexOf(':');
        return WindowType.valueOf(key.substring(0, colon))
                .instanceFor(LocalDate.ofEpochDay(Long.parseLong(key.substring(colon + 1))));
    }
}
