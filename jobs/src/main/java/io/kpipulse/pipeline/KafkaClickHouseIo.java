package io.kpipulse.pipeline;

import io.kpipulse.alerts.AlertHistory;
import io.kpipulse.alerts.AlertRuleRecordDeserializer;
import io.kpipulse.alerts.AlertRuleUpdate;
import io.kpipulse.alerts.AlertTransitionSerializer;
import io.kpipulse.alerts.PublishedAlertHistory;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.IdleWhenCaughtUpSource;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.ingest.RawRecordDeserializer;
import io.kpipulse.org.SourcedOrgFact;
import io.kpipulse.pipeline.tables.AlertEventsTable;
import io.kpipulse.pipeline.tables.DeadLettersTable;
import io.kpipulse.pipeline.tables.IndicatorValuesTable;
import io.kpipulse.pipeline.tables.LateEventsTable;
import io.kpipulse.pipeline.tables.OrgTable;
import io.kpipulse.pipeline.tables.RawEventsTable;
import io.kpipulse.sink.ClickHouseSink;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.storage.ClickHouseConnector;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * The production inputs and outputs of the engine: Kafka event topics and the control topic in,
 * ClickHouse tables and the dead-letter topic out. Kafka offsets are part of Flink's checkpoints, so a
 * restart resumes exactly where the last durable checkpoint left off. A row ClickHouse rejects as bad
 * data becomes a dead letter ({@link DeadLetterBadRows}) instead of failing the job, which would replay
 * the same row for ever.
 */
public final class KafkaClickHouseIo implements PipelineSinks {

    private final String bootstrapServers;
    /** Security settings of an external Kafka (KafkaClientOptions), passed to every source and sink. */
    private final Map<String, String> clientProperties;

    private final String topicPrefix;
    private final String groupId;
    private final ClickHouseConnector clickHouse;
    private final SinkOptions sinkOptions;

    public KafkaClickHouseIo(
            String bootstrapServers,
            String topicPrefix,
            String groupId,
            ClickHouseConnector clickHouse,
            SinkOptions sinkOptions) {
        this(bootstrapServers, Map.of(), topicPrefix, groupId, clickHouse, sinkOptions);
    }

    public KafkaClickHouseIo(
            String bootstrapServers,
            Map<String, String> clientProperties,
            String topicPrefix,
            String groupId,
            ClickHouseConnector clickHouse,
            SinkOptions sinkOptions) {
        this.bootstrapServers = bootstrapServers;
        this.clientProperties = Map.copyOf(clientProperties);
        this.topicPrefix = topicPrefix;
        this.groupId = groupId;
        this.clickHouse = clickHouse;
        this.sinkOptions = sinkOptions;
    }

    /**
     * The event topics. A partition stops holding the watermark back only once it has delivered nothing for
     * {@code idleness} and is read to its end ({@link IdleWhenCaughtUpSource}), so a partition still being
     * read is never overtaken however starved or backlogged the reader is.
     */
    public DataStream<RawRecord> events(
            StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks, Duration idleness) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setProperties(KafkaClientOptions.asProperties(clientProperties))
                .setTopics(SourceTopics.eventTopics().stream()
                        .map(t -> topicPrefix + t)
                        .toList())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        Properties admin = KafkaClientOptions.asProperties(clientProperties);
        admin.setProperty(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return env.fromSource(
                        new IdleWhenCaughtUpSource(source, admin, idleness.toMillis()), watermarks, "event-topics")
                .uid("event-topics");
    }

    /**
     * The control topic carries no event time, yet it is the broadcast input of every event-time operator.
     * It declares itself idle, so it never holds event time back. (A watermark of "end of time" would be
     * wrong: while the event topics are idle it would become the operators' watermark and make every
     * later event late.)
     */
    public DataStream<CatalogUpdate> catalogUpdates(StreamExecutionEnvironment env, Duration idleness) {
        KafkaSource<CatalogUpdate> source = KafkaSource.<CatalogUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setProperties(KafkaClientOptions.asProperties(clientProperties))
                .setTopics(topicPrefix + SourceTopics.CONTROL)
                .setGroupId(groupId + "-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ControlRecordDeserializer())
                .build();
        return env.fromSource(
                        source, WatermarkStrategy.<CatalogUpdate>noWatermarks().withIdleness(idleness), "control-topic")
                .uid("control-topic")
                .setParallelism(1);
    }

    /**
     * Calendar versions from the control topic, read from its beginning (every version has a key of its own,
     * so compaction keeps them all); idle like {@link #catalogUpdates}, for the same reason.
     */
    public DataStream<CalendarUpdate> calendarUpdates(StreamExecutionEnvironment env, Duration idleness) {
        KafkaSource<CalendarUpdate> source = KafkaSource.<CalendarUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setProperties(KafkaClientOptions.asProperties(clientProperties))
                .setTopics(topicPrefix + SourceTopics.CONTROL)
                .setGroupId(groupId + "-calendars")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new CalendarRecordDeserializer())
                .build();
        return env.fromSource(
                        source,
                        WatermarkStrategy.<CalendarUpdate>noWatermarks().withIdleness(idleness),
                        "calendars-topic")
                .uid("calendars-topic")
                .setParallelism(1);
    }

    @Override
    public void indicatorValues(DataStream<IndicatorRow> rows) {
        rows.sinkTo(ClickHouseSink.builder(clickHouse, new IndicatorValuesTable())
                        .options(sinkOptions)
                        .badRowHandler(DeadLetterBadRows.forIndicatorValues(clickHouse))
                        .build())
                .name("indicator_values")
                .uid("sink-indicator-values");
    }

    /** Alert-rule changes from the control topic; idle like {@link #catalogUpdates}, for the same reason. */
    public DataStream<AlertRuleUpdate> alertRules(StreamExecutionEnvironment env, Duration idleness) {
        KafkaSource<AlertRuleUpdate> source = KafkaSource.<AlertRuleUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setProperties(KafkaClientOptions.asProperties(clientProperties))
                .setTopics(topicPrefix + SourceTopics.CONTROL)
                .setGroupId(groupId + "-alert-rules")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new AlertRuleRecordDeserializer())
                .build();
        return env.fromSource(
                        source,
                        WatermarkStrategy.<AlertRuleUpdate>noWatermarks().withIdleness(idleness),
                        "alert-rules-topic")
                .uid("alert-rules-topic")
                .setParallelism(1);
    }

    /**
     * The history into {@code alert_events}, and {@code kpi.alerts} for delivery. The topic is written
     * at-least-once by an idempotent producer rather than transactionally: a transaction would hold every
     * alert back until the next checkpoint (10 s by default), beyond the 5 s an alert may take. A replay
     * after a restore re-sends transitions with the same idempotency key, which the dispatcher delivers once.
     */
    @Override
    public void alertTransitions(DataStream<AlertTransition> transitions) {
        transitions
                .sinkTo(ClickHouseSink.builder(clickHouse, new AlertEventsTable())
                        .options(sinkOptions)
                        .badRowHandler(DeadLetterBadRows.forAlertEvents(clickHouse))
                        .build())
                .name("alert_events")
                .uid("sink-alert-events");
        KafkaSink<AlertTransition> topic = KafkaSink.<AlertTransition>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setKafkaProducerConfig(idempotentProducer())
                .setRecordSerializer(new AlertTransitionSerializer(topicPrefix + SourceTopics.ALERTS))
                .build();
        transitions.sinkTo(topic).name("alerts-topic").uid("sink-alerts-topic");
    }

    @Override
    public AlertHistory alertHistory() {
        return new PublishedAlertHistory(
                clickHouse, bootstrapServers, clientProperties, topicPrefix + SourceTopics.ALERTS);
    }

    private static java.util.Properties idempotentProducer() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("enable.idempotence", "true");
        p.setProperty("acks", "all");
        p.setProperty("linger.ms", "0");
        return p;
    }

    @Override
    public void archive(DataStream<ArchivedEvent> events) {
        events.sinkTo(ClickHouseSink.builder(clickHouse, new RawEventsTable())
                        .options(sinkOptions)
                        .badRowHandler(DeadLetterBadRows.forRawEvents(clickHouse))
                        .build())
                .name("raw_events")
                .uid("sink-raw-events");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> letters) {
        letters.sinkTo(ClickHouseSink.builder(clickHouse, new DeadLettersTable())
                        .options(sinkOptions)
                        .badRowHandler(DeadLetterBadRows.forDeadLetters(clickHouse))
                        .build())
                .name("dead_letters")
                .uid("sink-dead-letters");
        KafkaSink<DeadLetter> topic = KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrapServers)
                .setKafkaProducerConfig(KafkaClientOptions.asProperties(clientProperties))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer(new DeadLetterSerializer(topicPrefix + SourceTopics.DEAD_LETTERS))
                .build();
        letters.sinkTo(topic).name("dead-letter-topic").uid("sink-dead-letter-topic");
    }

    @Override
    public void lateEvents(DataStream<LateEvent> events) {
        events.sinkTo(ClickHouseSink.builder(clickHouse, new LateEventsTable())
                        .options(sinkOptions)
                        .badRowHandler(DeadLetterBadRows.forLateEvents(clickHouse))
                        .build())
                .name("late_events")
                .uid("sink-late-events");
    }

    /** One sink per table of the directory projection, each fed the facts it keeps. */
    @Override
    public void orgDirectory(DataStream<SourcedOrgFact> facts) {
        for (OrgTable table : OrgTable.all()) {
            String name = table.table().replace('_', '-');
            facts.filter(table::accepts)
                    .name(name + "-facts")
                    .uid(name + "-facts")
                    .sinkTo(ClickHouseSink.builder(clickHouse, table)
                            .options(sinkOptions)
                            .badRowHandler(DeadLetterBadRows.forOrgFacts(clickHouse))
                            .build())
                    .name(table.table())
                    .uid("sink-" + name);
        }
    }
}
