package io.kpipulse.pipeline;

import io.kpipulse.events.SourceTopics;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.ingest.ArchivedEvent;
import io.kpipulse.ingest.DeadLetter;
import io.kpipulse.ingest.LateEvent;
import io.kpipulse.ingest.RawRecord;
import io.kpipulse.ingest.RawRecordDeserializer;
import io.kpipulse.pipeline.tables.DeadLettersTable;
import io.kpipulse.pipeline.tables.IndicatorValuesTable;
import io.kpipulse.pipeline.tables.LateEventsTable;
import io.kpipulse.pipeline.tables.RawEventsTable;
import io.kpipulse.sink.ClickHouseSink;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.storage.ClickHouseConnector;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * The production inputs and outputs of the engine: Kafka event topics and the control topic in,
 * ClickHouse tables and the dead-letter topic out. Kafka offsets are part of Flink's checkpoints, so a
 * restart resumes exactly where the last durable checkpoint left off.
 */
public final class KafkaClickHouseIo implements PipelineSinks {

    private final String bootstrapServers;
    private final String groupId;
    private final ClickHouseConnector clickHouse;
    private final SinkOptions sinkOptions;

    public KafkaClickHouseIo(String bootstrapServers, String groupId, ClickHouseConnector clickHouse, SinkOptions sinkOptions) {
        this.bootstrapServers = bootstrapServers;
        this.groupId = groupId;
        this.clickHouse = clickHouse;
        this.sinkOptions = sinkOptions;
    }

    public DataStream<RawRecord> events(StreamExecutionEnvironment env, WatermarkStrategy<RawRecord> watermarks) {
        KafkaSource<RawRecord> source = KafkaSource.<RawRecord>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(SourceTopics.eventTopics())
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST))
                .setDeserializer(new RawRecordDeserializer())
                .setProperty("isolation.level", "read_committed")
                .build();
        return env.fromSource(source, watermarks, "event-topics").uid("event-topics");
    }

    public DataStream<CatalogUpdate> catalogUpdates(StreamExecutionEnvironment env) {
        KafkaSource<CatalogUpdate> source = KafkaSource.<CatalogUpdate>builder()
                .setBootstrapServers(bootstrapServers)
                .setTopics(SourceTopics.CONTROL)
                .setGroupId(groupId + "-control")
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new ControlRecordDeserializer())
                .build();
        // The control topic carries no event time; it must never hold the watermark back.
        return env.fromSource(source, WatermarkStrategy.noWatermarks(), "control-topic").uid("control-topic").setParallelism(1);
    }

    @Override
    public void indicatorValues(DataStream<IndicatorRow> rows) {
        rows.sinkTo(ClickHouseSink.builder(clickHouse, new IndicatorValuesTable()).options(sinkOptions).build())
                .name("indicator_values").uid("sink-indicator-values");
    }

    @Override
    public void archive(DataStream<ArchivedEvent> events) {
        events.sinkTo(ClickHouseSink.builder(clickHouse, new RawEventsTable()).options(sinkOptions).build())
                .name("raw_events").uid("sink-raw-events");
    }

    @Override
    public void deadLetters(DataStream<DeadLetter> letters) {
        letters.sinkTo(ClickHouseSink.builder(clickHouse, new DeadLettersTable()).options(sinkOptions).build())
                .name("dead_letters").uid("sink-dead-letters");
        KafkaSink<DeadLetter> topic = KafkaSink.<DeadLetter>builder()
                .setBootstrapServers(bootstrapServers)
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .setRecordSerializer((letter, context, timestamp) -> deadLetterRecord(letter))
                .build();
        letters.sinkTo(topic).name("dead-letter-topic").uid("sink-dead-letter-topic");
    }

    @Override
    public void lateEvents(DataStream<LateEvent> events) {
        events.sinkTo(ClickHouseSink.builder(clickHouse, new LateEventsTable()).options(sinkOptions).build())
                .name("late_events").uid("sink-late-events");
    }

    /** The original bytes, keyed by Kafka position (consumers deduplicate replays by key), with the reason in headers. */
    static ProducerRecord<byte[], byte[]> deadLetterRecord(DeadLetter letter) {
        String position = letter.topic() + "/" + letter.partition() + "/" + letter.offset();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(SourceTopics.DEAD_LETTERS,
                position.getBytes(StandardCharsets.UTF_8), letter.originalBytes());
        record.headers().add(new RecordHeader("reason", letter.reason().name().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("detail", letter.detail().getBytes(StandardCharsets.UTF_8)));
        record.headers().add(new RecordHeader("tenant", letter.tenantId().getBytes(StandardCharsets.UTF_8)));
        return record;
    }
}
