package io.kpipulse.ingest;

import io.kpipulse.events.DecodedEvent;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.validation.EventValidator;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.indicators.Derivation;
import io.kpipulse.indicators.Item;
import io.kpipulse.indicators.ItemDeriver;
import io.kpipulse.indicators.Partial;
import io.kpipulse.indicators.SubjectFanOut;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.OrgDirectoryView;
import io.kpipulse.tenants.TenantCalendar;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeHint;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Decides, for every record, whether it counts — and turns the ones that do into items.
 *
 * <p>Keyed by the Kafka record key ({@code tenant|subject}). A record waits in keyed state until the
 * watermark reaches its event time, so events are judged in event-time order against an org directory
 * that has seen every change up to that time. Then, in this order: undecodable, wrong topic, unknown
 * tenant or impossible values → dead letter; an event id already accepted → duplicate, dropped (counted);
 * event time before watermark − allowed lateness → late event; an employee not employed at the event
 * time → dead letter; otherwise accepted: archived, and its items and partial items emitted.
 *
 * <p>Accepted event ids are remembered until the watermark passes event time + allowed lateness +
 * {@code dedupMarginMillis}; a copy arriving after that is late, so it still never counts twice.
 */
public class EventAdmission extends KeyedBroadcastProcessFunction<String, RawRecord, ControlUpdate, SubjectItem> {

    private static final long serialVersionUID = 1L;

    private final CurrentCatalog catalog;
    private final HashMap<String, TenantCalendar> tenants;
    private final long allowedLatenessMillis;
    private final long lateAfterMillis;
    private final long dedupMarginMillis;
    private final String topicPrefix;

    private transient EventCodec codec;
    private transient MapState<Long, List<RawRecord>> buffered;
    private transient MapState<String, Long> accepted;
    private transient MapState<Long, List<String>> expiries;
    private transient Counter acceptedCount;
    private transient Counter duplicateCount;
    private transient Counter lateCount;
    private transient Counter rejectedCount;

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
        this.tenants = new HashMap<>(tenants);
        this.allowedLatenessMillis = allowedLatenessMillis;
        this.dedupMarginMillis = dedupMarginMillis;
    }

    @Override
    public void open(OpenContext openContext) {
        codec = EventCodec.standard();
        buffered = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>(
                        "buffered", Types.LONG, new TypeHint<List<RawRecord>>() {}.getTypeInfo()));
        accepted = getRuntimeContext().getMapState(new MapStateDescriptor<>("accepted", Types.STRING, Types.LONG));
        expiries = getRuntimeContext()
                .getMapState(new MapStateDescriptor<>("expiries", Types.LONG, Types.LIST(Types.STRING)));
        var metrics = getRuntimeContext().getMetricGroup();
        acceptedCount = metrics.counter("eventsAccepted");
        duplicateCount = metrics.counter("eventsDuplicate");
        lateCount = metrics.counter("eventsLate");
        rejectedCount = metrics.counter("eventsDeadLettered");
    }

    @Override
    public void processElement(RawRecord record, ReadOnlyContext ctx, Collector<SubjectItem> out) throws Exception {
        if (record.time() <= ctx.timerService().currentWatermark()) {
            admit(record, ctx, out); // its time has passed already: nothing earlier can still be on its way
            return;
        }
        List<RawRecord> atTime = buffered.get(record.time());
        if (atTime == null) {
            atTime = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(record.time());
        }
        atTime.add(record);
        buffered.put(record.time(), atTime);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SubjectItem> out) throws Exception {
        List<RawRecord> due = buffered.get(timestamp);
        if (due != null) {
            buffered.remove(timestamp);
            // Same-time records in a stable order, so replays derive items identically.
            due.sort(Comparator.comparing(RawRecord::position));
            for (RawRecord record : due) {
                admit(record, ctx, out);
            }
        }
        List<String> expired = expiries.get(timestamp);
        if (expired != null) {
            for (String eventId : expired) {
                accepted.remove(eventId);
            }
            expiries.remove(timestamp);
        }
    }

    @Override
    public void processBroadcastElement(ControlUpdate update, Context ctx, Collector<SubjectItem> out)
            throws Exception {
        update.applyTo(ctx.getBroadcastState(OrgDirectory.STATE), ctx.getBroadcastState(CurrentCatalog.STATE));
    }

    private void admit(RawRecord record, ReadOnlyContext ctx, Collector<SubjectItem> out) throws Exception {
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
        TenantCalendar calendar = tenants.get(tenant);
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
        if (accepted.contains(eventId)) {
            duplicateCount.inc();
            return;
        }
        long eventTime = header.getEventTime().toEpochMilli();
        if (record.receivedAt() - eventTime > lateAfterMillis) {
            lateCount.inc();
            ctx.output(
                    Outputs.LATE,
                    new LateEvent(
                            tenant,
                            type,
                            eventId,
                            eventTime,
                            record.receivedAt(),
                            "received " + (record.receivedAt() - eventTime) + " ms after its event time; the limit is "
                                    + lateAfterMillis + " ms (out-of-orderness + allowed lateness)",
                            nullToEmpty(header.getEmployeeId()),
                            nullToEmpty(header.getDepartmentId()),
                            record.value(),
                            record.topic(),
                            record.partition(),
                            record.offset(),
                            now));
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
        remember(eventId, eventTime, ctx);
        acceptedCount.inc();
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
                        decoded.event().toString(),
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

    private void remember(String eventId, long eventTime, ReadOnlyContext ctx) throws Exception {
        accepted.put(eventId, eventTime);
        long expiry = eventTime + allowedLatenessMillis + dedupMarginMillis;
        List<String> ids = expiries.get(expiry);
        if (ids == null) {
            ids = new ArrayList<>(1);
            ctx.timerService().registerEventTimeTimer(expiry);
        }
        ids.add(eventId);
        expiries.put(expiry, ids);
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
