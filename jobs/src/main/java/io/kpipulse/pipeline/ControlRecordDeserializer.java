package io.kpipulse.pipeline;

import io.kpipulse.indicators.CatalogUpdate;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads catalog versions from the compacted control topic: key {@code catalog}, value the catalog YAML
 * (its {@code version} field is the version). A document that does not parse is logged and skipped —
 * the running catalog stays — because failing would replay it forever.
 */
public final class ControlRecordDeserializer implements KafkaRecordDeserializationSchema<CatalogUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ControlRecordDeserializer.class);
    public static final String CATALOG_KEY = "catalog";

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CatalogUpdate> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (!CATALOG_KEY.equals(key) || record.value() == null) {
            return;
        }
        String yaml = new String(record.value(), StandardCharsets.UTF_8);
        try {
            out.collect(CatalogUpdate.of(yaml));
        } catch (RuntimeException e) {
            LOG.error("skipping control record at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<CatalogUpdate> getProducedType() {
        return TypeInformation.of(CatalogUpdate.class);
    }
}
