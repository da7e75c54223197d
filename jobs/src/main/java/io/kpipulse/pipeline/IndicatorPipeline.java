package io.kpipulse.pipeline;

import io.kpipulse.alerts.AlertEvaluation;
import io.kpipulse.alerts.AlertRuleUpdate;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.CorrelationJoiner;
import io.kpipulse.indicators.CurrentCalendars;
import io.kpipulse.indicators.CurrentCatalog;
import io.kpipulse.indicators.DuringJoiner;
import io.kpipulse.indicators.IndicatorAggregator;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.indicators.IntervalRouter;
import io.kpipulse.indicators.LocalPreAggregation;
import io.kpipulse.indicators.Partial;
import io.kpipulse.indicators.SubjectBatch;
import io.kpipulse.indicators.SubjectItem;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.ControlUpdate;
import io.kpipulse.ingest.EventAdmission;
import io.kpipulse.ingest.LiveWatermarks;
import io.kpipulse.ingest.Outputs;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.org.OrgDirectory;
import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.tenants.TenantRegistry;
import java.util.Objects;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * Wires the indicator engine: raw records → admission (decode, validate, dedup, lateness, org) → items
 * and correlated items → folded per subject key in the subtask that made them → windows per subject → rows; plus the archive, dead-letter and late paths, and the
 * org directory's projection from the accepted org events.
 * Takes its inputs as streams and its outputs as {@link PipelineSinks}, so the job and the tests plug in
 * their own; no logic lives here.
 */
public final class IndicatorPipeline {

    /** Subject keys one subtask folds at most before it sends them on (bounds what waits in memory). */
    public static final int PRE_AGGREGATION_KEYS = 10_000;

    private final EngineConfig config;
    private final CatalogUpdate initialCatalog;
    private final TenantRegistry tenants;

    public IndicatorPipeline(EngineConfig config, CatalogUpdate initialCatalog, TenantRegistry tenants) {
        this.config = Objects.requireNonNull(config, "config");
        this.initialCatalog = Objects.requireNonNull(initialCatalog, "initialCatalog");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
    }

    /**
     * The watermark strategy for raw records: event time from the Avro header, bounded disorder that moves
     * with the wall clock while a live partition is quiet ({@link LiveWatermarks}). No processing-time
     * idleness: the source declares a partition idle only once it is read to its end
     * ({@link io.kpipulse.ingest.IdleWhenCaughtUpSource}).
     */
    public WatermarkStrategy<RawRecord> watermarks() {
        long outOfOrderness = config.outOfOrderness().toMillis();
        long quiet = config.quietPartition().toMillis();
        long liveLag = config.liveLag().toMillis();
        return WatermarkStrategy.<RawRecord>forGenerator(context -> new LiveWatermarks<>(
                        outOfOrderness, quiet, liveLag, context.getInputActivityClock(), System::currentTimeMillis))
                .withTimestampAssigner((record, kafkaTimestamp) -> record.time());
    }

    /**
     * @param records        raw records of every event topic, with timestamps and watermarks assigned
     * @param catalogUpdates catalog versions from the control topic (may be an empty stream)
     */
    public void build(DataStream<RawRecord> records, DataStream<CatalogUpdate> catalogUpdates, PipelineSinks sinks) {
        build(records, catalogUpdates, noRuleUpdates(catalogUpdates), sinks);
    }

    /** As {@link #build(DataStream, DataStream, PipelineSinks)}, with alert rules evaluated on the rows. */
    public void build(
            DataStream<RawRecord> records,
            DataStream<CatalogUpdate> catalogUpdates,
            DataStream<AlertRuleUpdate> alertRules,
            PipelineSinks sinks) {
        build(records, catalogUpdates, noCalendarUpdates(catalogUpdates), alertRules, sinks);
    }

    /**
     * As {@link #build(DataStream, DataStream, DataStream, PipelineSinks)}, with calendar versions published
     * at run time ({@link CurrentCalendars}: each applies to working-day durations completed at or after its
     * effective instant).
     */
    public void build(
            DataStream<RawRecord> records,
            DataStream<CatalogUpdate> catalogUpdates,
            DataStream<CalendarUpdate> calendarUpdates,
            DataStream<AlertRuleUpdate> alertRules,
            PipelineSinks sinks) {
        // Every element type of the pipeline is immutable and no function keeps or changes an element it was
        // handed, so chained operators may share elements instead of copying each (a reflective deep copy per
        // record for the POJO-serialized types, per row, per archived event).
        records.getExecutionEnvironment().getConfig().enableObjectReuse();
        DataStream<ControlUpdate> orgChanges = records.filter(new TopicFilter(config.topic(SourceTopics.ORG)))
                .name("org-topic")
                .flatMap(new OrgChangeExtractor(tenants.calendars().keySet()))
                .name("org-changes")
                .returns(TypeInformation.of(ControlUpdate.class));
        DataStream<ControlUpdate> control = orgChanges.union(
                catalogUpdates.map(ControlUpdate::of).returns(TypeInformation.of(ControlUpdate.class)),
                calendarUpdates.map(ControlUpdate::of).returns(TypeInformation.of(ControlUpdate.class)));
        BroadcastStream<ControlUpdate> admissionControl =
                control.broadcast(OrgDirectory.STATE, CurrentCatalog.STATE, CurrentCalendars.STATE);
        BroadcastStream<CatalogUpdate> catalogs = catalogUpdates.broadcast(CurrentCatalog.STATE);

        SingleOutputStreamOperator<SubjectItem> admitted = records.keyBy(RawRecord::key)
                .connect(admissionControl)
                .process(new EventAdmission(
                        initialCatalog,
                        tenants.calendars(),
                        config.outOfOrderness().toMillis(),
                        config.allowedLateness().toMillis(),
                        config.dedupMargin().toMillis(),
                        config.topicPrefix()))
                .name("admission")
                // v2: one state object per key (AdmissionState) instead of three maps. A checkpoint of the old
                // shape is refused on restore (state of an unknown operator) instead of silently losing the
                // records that waited in it and the ids it remembered: start afresh (deploy/run.sh --reset).
                .uid("admission-v2");

        DataStream<Partial> partials = admitted.getSideOutput(Outputs.PARTIALS);
        DataStream<SubjectItem> joined = partials.filter(p -> p.role().pairsByKey())
                .name("paired-sides")
                .keyBy(Partial::joinKey)
                .connect(admissionControl)
                .process(new CorrelationJoiner(
                        initialCatalog, tenants.calendars(), config.maxPairing().toMillis()))
                .name("correlation-join")
                .uid("correlation-join");

        // Interval joins in two steps: an incident's bounds are decided per incident, then meet the sales
        // per affected department (only the opening event names the departments). Both keep what they decided
        // for the horizon, so a side admitted behind the watermark corrects it.
        long retain = config.horizon().toMillis();
        DataStream<Partial> departmentBounds = partials.filter(p -> p.role().boundsAnInterval())
                .name("interval-sides")
                .keyBy(Partial::joinKey)
                .connect(admissionControl)
                .process(new IntervalRouter(initialCatalog, retain))
                .name("interval-router")
                .uid("interval-router");
        DataStream<SubjectItem> during = partials.filter(p -> p.role().joinsByDepartment())
                .name("measured-sides")
                .union(departmentBounds)
                .keyBy(Partial::joinKey)
                .connect(admissionControl)
                .process(new DuringJoiner(initialCatalog, tenants.calendars(), retain))
                .name("during-join")
                .uid("during-join");

        DataStream<IndicatorRow> rows = preAggregated(admitted, "admitted")
                .union(preAggregated(joined, "joined"), preAggregated(during, "during"))
                .keyBy(SubjectBatch::key)
                .connect(catalogs)
                .process(new IndicatorAggregator(
                        initialCatalog,
                        config.flushInterval().toMillis(),
                        config.catchUpFlushInterval().toMillis(),
                        config.liveLag().toMillis(),
                        config.horizon().toMillis()))
                .name("indicator-windows")
                .uid("indicator-windows");

        sinks.indicatorValues(rows);
        sinks.alertTransitions(AlertEvaluation.wire(rows, orgChanges, alertRules, sinks.alertHistory()));
        DataStream<ArchivedEvent> archived = admitted.getSideOutput(Outputs.ARCHIVE);
        sinks.archive(archived);
        sinks.orgDirectory(archived.flatMap(new AcceptedOrgFacts(config.topic(SourceTopics.ORG)))
                .name("accepted-org-facts")
                .uid("accepted-org-facts")
                .returns(TypeInformation.of(SourcedOrgFact.class)));
        sinks.deadLetters(admitted.getSideOutput(Outputs.DEAD_LETTERS));
        sinks.lateEvents(admitted.getSideOutput(Outputs.LATE));
    }

    /**
     * Items folded per subject key in the subtask that made them (chained to it, so items are not serialized),
     * then sent to the windows as one batch per key ({@link LocalPreAggregation}). An item waits at most a
     * quarter of the flush interval there: the windows coalesce over the flush interval anyway.
     */
    private DataStream<SubjectBatch> preAggregated(DataStream<SubjectItem> items, String what) {
        long hold = Math.max(1, config.flushInterval().toMillis() / 4);
        return items.transform(
                        what + "-pre-aggregation",
                        TypeInformation.of(SubjectBatch.class),
                        new LocalPreAggregation(hold, PRE_AGGREGATION_KEYS))
                .uid(what + "-pre-aggregation");
    }

    /** A pipeline without a calendars source publishes no versions: the tenants file's calendars stand. */
    private static DataStream<CalendarUpdate> noCalendarUpdates(DataStream<CatalogUpdate> catalogUpdates) {
        return catalogUpdates
                .flatMap((CatalogUpdate c, org.apache.flink.util.Collector<CalendarUpdate> out) -> {})
                .returns(TypeInformation.of(CalendarUpdate.class))
                .name("no-calendar-versions");
    }

    /**
     * A pipeline without a rules source (most tests, a snapshot's replay) evaluates no alert rules: a stream that
     * emits nothing, made from the catalog stream so it ends when that one does.
     */
    public static DataStream<AlertRuleUpdate> noRuleUpdates(DataStream<CatalogUpdate> catalogUpdates) {
        return catalogUpdates
                .flatMap((CatalogUpdate c, org.apache.flink.util.Collector<AlertRuleUpdate> out) -> {})
                .returns(TypeInformation.of(AlertRuleUpdate.class))
                .name("no-alert-rules");
    }
}
