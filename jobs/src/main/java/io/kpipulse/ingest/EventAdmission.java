package io.kpipulse.ingest;

import io.kpipulse.events.DecodedEvent;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.validation.EventValidator;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CurrentCalendars;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.indicators.Derivation;
import io.kpipulse.indicators.Item;
import io.kpipulse.indicators.ItemDeriver;
import io.kpipulse.indicators.Partial;
import io.kpipulse.indicators.SubjectFanOut;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.metrics.EngineMetricNames;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.OrgDirectoryView;
import io.kpipulse.tenants.TenantCalendar;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decides, for every record, whether it counts — and turns the ones that do into items.
 *
 * <p>Keyed by the Kafka record key ({@code tenant|subject}). A record waits in keyed state until the
 * watermark reaches its event time, so events are judged in event-time order against an org directory
 * that has seen every change up to that time. Then, in this order: undecodable, wrong topic, unknown
 * tenant or impossible values → dead letter; an event id already accepted → duplicate, dropped (counted);
 * received more than out-of-orderness + allowed lateness after its event time, or dated beyond the
 * horizon → late event; an employee not employed at the event time → dead letter; otherwise accepted:
 * archived, and its items and partial items emitted.
 *
 * <p>The horizon is allowed lateness + {@code dedupMarginMillis}: an event whose time is that far or
 * further behind the engine's clock when it arrives is late, however promptly its record was sent (a
 * backfill stamped with original times, a producer that stamps records with the event time). Window
 * state downstream is kept exactly that long, so every accepted event finds every window it belongs to.
 * The clock is the watermark, checkpointed, so that after a restore (when the watermark starts again from
 * nothing) it does not go back behind the state that was restored with it. The horizon is judged on
 * arrival, not when a waiting record is released: a watermark that jumps ahead meanwhile does not make a
 * record late that came in time.
 *
 * <p>Accepted event ids are remembered until the watermark passes event time + the horizon; a copy
 * arriving after that is beyond the horizon, so it is late and still never counts twice.
 *
 * <p>A key's waiting records, remembered ids and its one timer live in one {@link AdmissionState}: one state
 * access per record and per due time, and one timer per key in the timer queue.
 */
public class EventAdmission extends KeyedBroadcastProcessFunction<String, RawRecord, ControlUpdate, SubjectItem>
        implements CheckpointedFunction {

    private static final long serialVersionUID = 1L;

    private final CurrentCatalog catalog;
    private final CurrentCalendars calendars;
    private final long lateAfterMillis;
    private final long horizonMillis;
    private final String topicPrefix;

    private transient EventCodec codec;
    private transient PayloadJson payloads;
    private transient ValueState<AdmissionState> state;
    private transient Counter acceptedCount;
    private transient Counter duplicateCount;
    private transient Counter lateCount;
    private transient Counter rejectedCount;
    /** Processing time minus event time of the last accepted event: how far behind the engine's counting runs. */
    private transient volatile long admissionLagMs;
    /**
     * The horizon's clock: the highest watermark this operator saw (on a record or a timer), here and,
     * restored, on every subtask before. A function sees the watermark only then; it lags the operator's
     * watermark only while no record arrives and no timer fires. Window state is kept a day or more beyond
     * the horizon, which covers such a lag at a checkpoint.
     */
    private transient long clock;

    private transient ListState<Long> clockState;

    public EventAdmission(
            CatalogUpdate initialCatalog,
            Map<String, TenantCalendar> tenants,
            long outOfOrdernessMillis,
            long allowedLatenessMillis,
            long dedupMarginMillis,
            String topicPrefix) {
        this.lateAfterMillis = outOfOrdernessMillis + allowedLatenessMillis;
        this.topicPrefix = topicPrefix;
        this.catalog = new CurrentCatalog(initialCatalog);
        this.calendars = new CurrentCalendars(tenants);
        this.horizonMillis = allowedLatenessMillis + dedupMarginMillis;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        // Union state: after rescaling every subtask starts from the highest clock of them all.
        clockState = context.getOperatorStateStore().getUnionListState(new ListStateDescriptor<>("clock", Types.LONG));
        clock = Long.MIN_VALUE;
        for (Long restored : clockState.get()) {
            clock = Math.max(clock, restored);
        }
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        clockState.update(List.of(clock));
    }

    @Override
    public void open(OpenContext openContext) {
        codec = EventCodec.standard();
        payloads = new PayloadJson();
        state = getRuntimeContext()
                .getState(new ValueStateDescriptor<>("admission", AdmissionStateSerializer.INSTANCE));
        var metrics = getRuntimeContext().getMetricGroup();
        acceptedCount = metrics.counter(EngineMetricNames.EVENTS_ACCEPTED);
        duplicateCount = metrics.counter(EngineMetricNames.EVENTS_DUPLICATE);
        lateCount = metrics.counter(EngineMetricNames.EVENTS_LATE);
        rejectedCount = metrics.counter(EngineMetricNames.EVENTS_DEAD_LETTERED);
        metrics.gauge(EngineMetricNames.ADMISSION_LAG_MS, () -> admissionLagMs);
    }

    @Override
    public void processElement(RawRecord record, ReadOnlyContext ctx, Collector<SubjectItem> out) throws Exception {
        long watermark = ctx.timerService().currentWatermark();
        clock = Math.max(clock, watermark);
        AdmissionState s = state();
        if (clock > Long.MIN_VALUE + horizonMillis && record.time() <= clock - horizonMillis) {
            admit(record, true, s, ctx, out); // beyond the horizon: it cannot count, no need to wait
        } else if (record.time() <= watermark) {
            admit(record, false, s, ctx, out); // its time has passed already: nothing earlier can still be on its way
        } else {
            s.hold(record);
        }
        store(s, ctx);
    }

    /**
     * The key's one timer is at the earliest time a record or an expiry is due; when it fires, that time's
     * records are released and its ids forgotten, and the timer moves to the next due time. Flink fires the
     * timers up to a watermark in time order across keys, and a timer registered while they fire that the
     * watermark has passed fires in the same round: records are released in the same order as with a timer
     * per record, with one timer per key in the queue instead of one per waiting record and accepted id.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SubjectItem> out) throws Exception {
        clock = Math.max(clock, ctx.timerService().currentWatermark());
        AdmissionState s = state.value();
        if (s == null) {
            return;
        }
        s.timer = AdmissionState.NONE; // the one timer of the key, fired
        List<RawRecord> due = s.waiting.remove(timestamp);
        if (due != null) {
            // Same-time records in a stable order, so replays derive items identically.
            due.sort(Comparator.comparing(RawRecord::position));
            for (RawRecord record : due) {
                admit(record, false, s, ctx, out); // within the horizon when it came
            }
        }
        s.forget(timestamp);
        store(s, ctx);
    }

    private AdmissionState state() throws Exception {
        AdmissionState s = state.value();
        return s == null ? new AdmissionState() : s;
    }

    /** Keeps the key's state (or drops it when nothing waits and no id is remembered) and its one timer. */
    private void store(AdmissionState s, ReadOnlyContext ctx) throws Exception {
        long due = s.nextDue();
        if (due != s.timer) {
            if (s.timer != AdmissionState.NONE) {
                ctx.timerService().deleteEventTimeTimer(s.timer);
            }
            if (due != AdmissionState.NONE) {
                ctx.timerService().registerEventTimeTimer(due);
            }
            s.timer = due;
        }
        if (s.isEmpty()) {
            state.clear();
        } else {
            state.update(s);
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

    /** @param beyondHorizon dated at or before the horizon's clock minus the horizon when it arrived */
    private void admit(
            RawRecord record, boolean beyondHorizon, AdmissionState s, ReadOnlyContext ctx, Collector<SubjectItem> out)
            throws Exception {
        long now = ctx.currentProcessingTime();
        DecodedEvent decoded;
        try {
            decoded = codec.decode(record.value());
        } catch (EventDecodeException e) {
            reject(
                    ctx,
                    DeadLetter.of(
                            record,
                            RejectionReason.valueOf(e.reason().name()),
                            e.getMessage(),
                            tenantOfKey(record),
                            null,
                            null,
                            now));
            return;
        }
        EventHeader header = decoded.header();
        String tenant = header.getTenantId();
        String type = decoded.type().name();
        String eventId = header.getEventId().toString();
        String expectedTopic = topicPrefix + decoded.type().topic();
        if (!expectedTopic.equals(record.topic())) {
            reject(
                    ctx,
                    DeadLetter.of(
                            record,
                            RejectionReason.WRONG_TOPIC,
                            type + " belongs on " + expectedTopic,
                            tenant,
                            type,
                            eventId,
                            now));
            return;
        }
        // The calendar in force at the event's time: a working-day duration an event completes is measured
        // with the calendar versions effective when it happened, whenever they reached this operator.
        TenantCalendar calendar = calendars.at(
                ctx.getBroadcastState(CurrentCalendars.STATE),
                tenant,
                header.getEventTime().toEpochMilli());
        if (calendar == null) {
            reject(
                    ctx,
                    DeadLetter.of(
                            record,
                            RejectionReason.UNKNOWN_TENANT,
                            "tenant " + tenant + " is not registered",
                            tenant,
                            type,
                            eventId,
                            now));
            return;
        }
        Optional<String> impossible = EventValidator.impossibility(decoded.event());
        if (impossible.isPresent()) {
            reject(
                    ctx,
                    DeadLetter.of(
                            record, RejectionReason.IMPOSSIBLE_VALUE, impossible.get(), tenant, type, eventId, now));
            return;
        }
        if (s.accepted.contains(eventId)) {
            duplicateCount.inc();
            return;
        }
        long eventTime = header.getEventTime().toEpochMilli();
        if (record.receivedAt() - eventTime > lateAfterMillis) {
            late(
                    ctx,
                    record,
                    header,
                    type,
                    "received " + (record.receivedAt() - eventTime) + " ms after its event time; the limit is "
                            + lateAfterMillis + " ms (out-of-orderness + allowed lateness)");
            return;
        }
        if (beyondHorizon) {
            late(
                    ctx,
                    record,
                    header,
                    type,
                    "dated beyond the horizon: the engine's clock had reached " + Instant.ofEpochMilli(clock)
                            + ", and events dated " + horizonMillis
                            + " ms (allowed lateness + dedup margin) or more before it no longer change values");
            return;
        }
        OrgDirectoryView org = OrgDirectory.view(ctx.getBroadcastState(OrgDirectory.STATE));
        String employee = header.getEmployeeId();
        if (employee != null
                && header.getSourceSystem() != SourceSystem.ORG
                && !org.employed(tenant, employee, eventTime)) {
            reject(
                    ctx,
                    DeadLetter.of(
                            record,
                            RejectionReason.UNKNOWN_EMPLOYEE,
                            "employee " + employee + " is not in the directory of " + tenant + " at "
                                    + header.getEventTime(),
                            tenant,
                            type,
                            eventId,
                            now));
            return;
        }
        // A copy is within the horizon until the watermark passes this; after it, a copy is late.
        s.remember(eventId, eventTime + horizonMillis);
        acceptedCount.inc();
        admissionLagMs = now - eventTime;
        ctx.output(
                Outputs.ARCHIVE,
                new ArchivedEvent(
                        tenant,
                        type,
                        eventId,
                        eventTime,
                        header.getSourceSystem().name(),
                        nullToEmpty(employee),
                        nullToEmpty(header.getDepartmentId()),
                        decoded.writerFingerprint(),
                        payloads.of(decoded.event()),
                        record.value(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        now));
        ItemDeriver deriver =
                catalog.deriver(ctx.getBroadcastState(CurrentCatalog.STATE).get(CurrentCatalog.KEY));
        Derivation derivation = deriver.derive(decoded.type(), decoded.event(), org, calendar);
        String zone = calendar.zone().getId();
        for (Item item : derivation.items()) {
            deriver.catalog()
                    .find(item.indicatorId())
                    .ifPresent(d -> SubjectFanOut.fanOut(d, item, zone, out::collect));
        }
        for (Partial partial : derivation.partials()) {
            ctx.output(Outputs.PARTIALS, partial);
        }
    }

    private void late(ReadOnlyContext ctx, RawRecord record, EventHeader header, String type, String reason) {
        lateCount.inc();
        ctx.output(
                Outputs.LATE,
                new LateEvent(
                        header.getTenantId(),
                        type,
                        header.getEventId().toString(),
                        header.getEventTime().toEpochMilli(),
                        record.receivedAt(),
                        reason,
                        nullToEmpty(header.getEmployeeId()),
                        nullToEmpty(header.getDepartmentId()),
                        record.value(),
                        record.topic(),
                        record.partition(),
                        record.offset(),
                        ctx.currentProcessingTime()));
    }

    private void reject(ReadOnlyContext ctx, DeadLetter letter) {
        rejectedCount.inc();
        ctx.output(Outputs.DEAD_LETTERS, letter);
    }

    private static String tenantOfKey(RawRecord record) {
        int bar = record.key().indexOf('|');
        return bar > 0 ? record.key().substring(0, bar) : "";
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
