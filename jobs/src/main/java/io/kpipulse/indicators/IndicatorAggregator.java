package io.kpipulse.indicators;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keeps the windows of one (tenant, indicator, subject) in Flink state and publishes their values; what it
 * does with them is {@link WindowStore}'s.
 *
 * <p>Keyed by {@link SubjectItem#key()}; items arrive folded per key and day ({@link SubjectBatch}, from
 * {@link LocalPreAggregation}). All of a key's windows live in one {@link SubjectWindows}: one state access per
 * batch and per timer. A catalog update re-publishes nothing by itself; each key uses the new definitions
 * (targets) from its next change on.
 */
public class IndicatorAggregator
        extends KeyedBroadcastProcessFunction<String, SubjectBatch, CatalogUpdate, IndicatorRow> {

    private static final long serialVersionUID = 1L;

    private final CurrentCatalog catalog;
    private final long flushIntervalMillis;
    private final long catchUpFlushMillis;
    private final long liveLagMillis;
    private final long horizonMillis;

    private transient ValueState<SubjectWindows> state;
    private transient WindowStore store;

    /** See {@link WindowStore#WindowStore} for the intervals and the horizon. */
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
        store = new WindowStore(flushIntervalMillis, catchUpFlushMillis, liveLagMillis, horizonMillis);
    }

    @Override
    public void processElement(SubjectBatch batch, ReadOnlyContext ctx, Collector<IndicatorRow> out) throws Exception {
        IndicatorDefinition definition = catalog.definition(
                ctx.getBroadcastState(CurrentCatalog.STATE), batch.last().item().indicatorId());
        if (definition == null) {
            return; // The indicator was removed from the catalog; its items no longer count.
        }
        SubjectWindows w = state.value();
        if (w == null) {
            w = new SubjectWindows();
        }
        store.add(w, definition, batch, new FlinkTimers(ctx.timerService()));
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
        IndicatorCatalog current =
                catalog.catalog(ctx.getBroadcastState(CurrentCatalog.STATE).get(CurrentCatalog.KEY));
        IndicatorDefinition definition =
                current.find(w.lastItem.item().indicatorId()).orElse(null);
        boolean keeps = store.onTimer(
                w,
                definition,
                current.version(),
                timestamp,
                ctx.timeDomain() == TimeDomain.EVENT_TIME,
                new FlinkTimers(ctx.timerService()),
                out::collect);
        if (keeps) {
            state.update(w);
        } else {
            state.clear();
        }
    }

    private record FlinkTimers(TimerService service) implements WindowStore.Timers {
        @Override
        public long watermark() {
            return service.currentWatermark();
        }

        @Override
        public long processingTime() {
            return service.currentProcessingTime();
        }

        @Override
        public void registerEventTime(long time) {
            service.registerEventTimeTimer(time);
        }

        @Override
        public void registerProcessingTime(long time) {
            service.registerProcessingTimeTimer(time);
        }

        @Override
        public void deleteEventTime(long time) {
            service.deleteEventTimeTimer(time);
        }

        @Override
        public void deleteProcessingTime(long time) {
            service.deleteProcessingTimeTimer(time);
        }
    }
}
