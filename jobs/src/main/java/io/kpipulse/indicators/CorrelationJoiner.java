package io.kpipulse.indicators;

import io.kpipulse.catalog.Aggregation;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.tenants.TenantCalendar;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Joins the sides of correlated items (keyed by {@link Partial#joinKey()}) with {@link CorrelatedItems}
 * and addresses the finished items to their subjects.
 *
 * <p>State per key lives until its item is decided; a side that never finds its partner is dropped
 * when the watermark passes its time + {@code maxPairingMillis} (an approval whose payment never
 * comes does not stay in state forever). A decided duration is the exception: its key is remembered
 * until the same horizon, so that a later start or end of it is ignored rather than paired again. A
 * retention or follow-up indicator whose horizon is longer than {@code maxPairingMillis} keeps its key
 * past that horizon instead: max pairing bounds waiting, it never cuts a decision short.
 */
public class CorrelationJoiner extends KeyedBroadcastProcessFunction<String, Partial, ControlUpdate, SubjectItem> {

    private static final long serialVersionUID = 1L;

    private final CurrentCatalog catalog;
    private final CurrentCalendars calendars;
    private final long maxPairingMillis;

    private transient ValueState<JoinState> state;

    public CorrelationJoiner(CatalogUpdate initialCatalog, Map<String, TenantCalendar> tenants, long maxPairingMillis) {
        this.catalog = new CurrentCatalog(initialCatalog);
        this.calendars = new CurrentCalendars(tenants);
        this.maxPairingMillis = maxPairingMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("join", TypeInformation.of(JoinState.class)));
    }

    @Override
    public void processElement(Partial side, ReadOnlyContext ctx, Collector<SubjectItem> out) throws Exception {
        IndicatorDefinition definition = definition(ctx, side.indicatorId());
        if (definition == null) {
            return;
        }
        JoinState join = state.value();
        if (join == null) {
            join = new JoinState();
            ctx.timerService().registerEventTimeTimer(side.timeMillis() + keepMillis(definition));
        }
        long decideAt = CorrelatedItems.add(join, side, definition);
        state.update(join);
        if (decideAt != Long.MIN_VALUE) {
            if (decideAt <= ctx.timerService().currentWatermark()) {
                decide(join, ctx.timerService().currentWatermark(), definition, side.tenantId(), ctx, out);
            } else {
                ctx.timerService().registerEventTimeTimer(decideAt);
            }
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SubjectItem> out) throws Exception {
        JoinState join = state.value();
        if (join == null) {
            return;
        }
        String indicator = join.indicator();
        IndicatorDefinition definition = indicator == null ? null : definition(ctx, indicator);
        if (definition == null) {
            state.clear();
            return;
        }
        if (!join.done) { // a decided key has nothing more to decide: it waits out its horizon
            decide(join, ctx.timerService().currentWatermark(), definition, join.tenant(), ctx, out);
        }
        JoinState after = state.value();
        if (after != null) {
            long horizon = after.newestSide() + keepMillis(definition);
            if (timestamp >= horizon) {
                state.clear();
            } else if (timestamp >= after.newestSide()) {
                ctx.timerService().registerEventTimeTimer(horizon);
            }
        }
    }

    @Override
    public void processBroadcastElement(ControlUpdate update, Context ctx, Collector<SubjectItem> out)
            throws Exception {
        update.applyTo(
                ctx.getBroadcastState(OrgDirectory.STATE),
                ctx.getBroadcastState(CurrentCatalog.STATE),
                calendars,
                ctx.getBroadcastState(CurrentCalendars.STATE),
                ctx.currentWatermark());
    }

    private void decide(
            JoinState join,
            long watermark,
            IndicatorDefinition definition,
            String tenant,
            ReadOnlyContext ctx,
            Collector<SubjectItem> out)
            throws Exception {
        // The calendar in force when the key's newest side happened: a paired duration is complete with its
        // later event, and is measured with the calendar versions effective then (see CurrentCalendars).
        TenantCalendar calendar =
                calendars.at(ctx.getBroadcastState(CurrentCalendars.STATE), tenant, newestEventTime(join));
        if (calendar == null) {
            calendar = TenantCalendar.defaults();
        }
        String zone = calendar.zone().getId();
        OrgView org = OrgDirectory.view(ctx.getBroadcastState(OrgDirectory.STATE));
        boolean finished = CorrelatedItems.onWatermark(
                join,
                watermark,
                definition,
                calendar,
                org,
                item -> SubjectFanOut.fanOut(definition, item, zone, out::collect));
        if (finished) {
            state.clear();
        } else {
            state.update(join);
        }
    }

    /** How long after its newest side a key is kept: max pairing, or just past the indicator's own horizon. */
    private long keepMillis(IndicatorDefinition definition) {
        Aggregation a = definition.aggregation();
        long decidedWithin = a instanceof Aggregation.Retention r
                ? r.horizon().toMillis()
                : a instanceof Aggregation.FollowUp f ? f.within().toMillis() : 0;
        return Math.max(maxPairingMillis, decidedWithin + 1);
    }

    /**
     * The event time that decides the key: for a paired duration the later of its two events, whose passing
     * by the watermark decides it ({@link CorrelatedItems}); else the newest side's.
     */
    private static long newestEventTime(JoinState join) {
        if (join.first != null && join.second != null) {
            return Math.max(join.first.eventTime(), join.second.eventTime());
        }
        long newest = Long.MIN_VALUE;
        if (join.first != null) {
            newest = Math.max(newest, join.first.eventTime());
        }
        if (join.second != null) {
            newest = Math.max(newest, join.second.eventTime());
        }
        for (Partial p : join.pending) {
            newest = Math.max(newest, p.eventTime());
        }
        return newest;
    }

    private IndicatorDefinition definition(ReadOnlyContext ctx, String indicatorId) throws Exception {
        IndicatorDefinition d = catalog.definition(ctx.getBroadcastState(CurrentCatalog.STATE), indicatorId);
        return d != null && isCorrelated(d.aggregation()) ? d : null;
    }

    private static boolean isCorrelated(Aggregation a) {
        return a instanceof Aggregation.PairedDuration p && !p.withinOneEvent()
                || a instanceof Aggregation.FollowUp
                || a instanceof Aggregation.Retention;
    }
}
