package io.kpipulse.ingest;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.KafkaSourceEnumState;
import org.apache.flink.connector.kafka.source.split.KafkaPartitionSplit;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.kafka.clients.admin.Admin;

/**
 * The event topics' Kafka source, whose partitions are declared idle only once they are quiet and read to
 * their end ({@link CaughtUpSplits}); everything else is the Kafka source's own. Use it with a watermark
 * strategy without {@code withIdleness}: processing-time idleness is what this replaces.
 */
public final class IdleWhenCaughtUpSource
        implements Source<RawRecord, KafkaPartitionSplit, KafkaSourceEnumState>, ResultTypeQueryable<RawRecord> {

    private static final long serialVersionUID = 1L;

    private final KafkaSource<RawRecord> kafka;
    private final HashMap<String, Object> adminProperties;
    private final long idlenessMillis;

    /**
     * @param adminProperties the Kafka client settings (bootstrap servers, security) for the look-ups of
     *                        the partitions' end offsets
     */
    public IdleWhenCaughtUpSource(KafkaSource<RawRecord> kafka, Properties adminProperties, long idlenessMillis) {
        this.kafka = kafka;
        this.adminProperties = new HashMap<>();
        adminProperties.forEach((k, v) -> this.adminProperties.put(k.toString(), v));
        this.idlenessMillis = idlenessMillis;
    }

    @Override
    public Boundedness getBoundedness() {
        return kafka.getBoundedness();
    }

    @Override
    public SourceReader<RawRecord, KafkaPartitionSplit> createReader(SourceReaderContext context) throws Exception {
        Map<String, Object> admin = Map.copyOf(adminProperties);
        return new IdleWhenCaughtUpReader(
                kafka.createReader(context),
                () -> Admin.create(admin),
                new CaughtUpSplits(idlenessMillis),
                System::currentTimeMillis);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> createEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context) throws Exception {
        return kafka.createEnumerator(context);
    }

    @Override
    public SplitEnumerator<KafkaPartitionSplit, KafkaSourceEnumState> restoreEnumerator(
            SplitEnumeratorContext<KafkaPartitionSplit> context, KafkaSourceEnumState checkpoint) throws Exception {
        return kafka.restoreEnumerator(context, checkpoint);
    }

    @Override
    public SimpleVersionedSerializer<KafkaPartitionSplit> getSplitSerializer() {
        return kafka.getSplitSerializer();
    }

    @Override
    public SimpleVersionedSerializer<KafkaSourceEnumState> getEnumeratorCheckpointSerializer() {
        return kafka.getEnumeratorCheckpointSerializer();
    }

    @Override
    public TypeInformation<RawRecord> getProducedType() {
        return kafka.getProducedType();
    }
}
