package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgDirectory;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * One step of an interval join (catalog README: During), keyed by {@link Partial#joinKey()}. Keeps one
 * {@link IntervalState} per key and exactly one event-time timer, at the next time the key must be
 * looked at; when the key has nothing left to decide both are gone.
 */
abstract class IntervalJoinStep<OUT> extends KeyedBroadcastProcessFunction<String, Partial, ControlUpdate, OUT> {

    private static final long serialVersionUID = 1L;

    private final CurrentCatalog catalog;
    /**
     * How long decided sides, and bounds past their interval, are kept for sides still to come: the horizon
     * (no event further behind the watermark is admitted), so a late side corrects what it changes.
     */
    protected final long retainMillis;

    private transient ValueState<IntervalState> state;

    IntervalJoinStep(CatalogUpdate initialCatalog, long retainMillis) {
        this.catalog = new CurrentCatalog(initialCatalog);
        this.retainMillis = retainMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("interval", TypeInformation.of(IntervalState.class)));
    }

    /** Records a side in the key's state; returns whether what was already decided must be decided again. */
    abstract boolean add(IntervalState s, Partial side);

    /**
     * Decides what the watermark allows (and, if {@code reconsider}, again what was decided before) and emits
     * it or its correction; returns the next time to look, or {@link IntervalState#NO_TIMER}.
     */
    abstract long decide(
            IntervalState s,
            boolean reconsider,
            long watermark,
            IndicatorDefinition definition,
            Aggregation.During during,
            ReadOnlyContext ctx,
            Collector<OUT> out)
            throws Exception;

    @Override
    public void processElement(Partial side, ReadOnlyContext ctx, Collector<OUT> out) throws Exception {
        IndicatorDefinition definition = definition(ctx, side.indicatorId());
        if (definition == null) {
            return;
        }
        IntervalState s = state.value();
        if (s == null) {
            s = new IntervalState();
        }
        boolean reconsider = add(s, side);
        // A side behind the watermark (admitted late) is decided at once, and corrects what was decided
        // without it: the outcome depends on the sides, not on when the watermark came.
        settle(s, reconsider, definition, ctx, out);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<OUT> out) throws Exception {
        IntervalState s = state.value();
        if (s == null) {
            return;
        }
        s.timer = IntervalState.NO_TIMER; // this one has fired
        IndicatorDefinition definition = definition(ctx, s.anySide().indicatorId());
        if (definition == null) {
            state.clear(); // the indicator left the catalog
            return;
        }
        settle(s, false, definition, ctx, out);
    }

    @Override
    public void processBroadcastElement(ControlUpdate update, Context ctx, Collector<OUT> out) throws Exception {
        update.applyTo(ctx.getBroadcastState(OrgDirectory.STATE), ctx.getBroadcastState(CurrentCatalog.STATE));
    }

    /** Decides, moves the key's one timer, and writes the state back (or clears it) after every change. */
    private void settle(
            IntervalState s,
            boolean reconsider,
            IndicatorDefinition definition,
            ReadOnlyContext ctx,
            Collector<OUT> out)
            throws Exception {
        long next = decide(
                s,
                reconsider,
                ctx.timerService().currentWatermark(),
                definition,
                (Aggregation.During) definition.aggregation(),
                ctx,
                out);
        if (next != s.timer) {
            if (s.timer != IntervalState.NO_TIMER) {
                ctx.timerService().deleteEventTimeTimer(s.timer);
            }
            if (next != IntervalState.NO_TIMER) {
                ctx.timerService().registerEventTimeTimer(next);
            }
            s.timer = next;
        }
        if (next == IntervalState.NO_TIMER) {
            state.clear();
        } else {
            state.update(s);
        }
    }

    private IndicatorDefinition definition(ReadOnlyContext ctx, String indicatorId) throws Exception {
        IndicatorDefinition d = catalog.definition(ctx.getBroadcastState(CurrentCatalog.STATE), indicatorId);
        return d != null && d.aggregation() instanceof Aggregation.During ? d : null;
    }
}
