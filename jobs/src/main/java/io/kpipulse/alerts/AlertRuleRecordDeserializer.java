package io.kpipulse.alerts;

import io.kpipulse.alerts.rules.AlertRuleJson;
import io.kpipulse.events.SourceTopics;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads alert-rule records from the compacted control topic: key {@code alert-rule/<tenant>/<rule>}, value
 * the rule's JSON, a null value (tombstone) deletes it. Other keys (the catalog) are someone else's. A value
 * that does not parse is logged and skipped — failing would replay it forever; the API validated it.
 */
public final class AlertRuleRecordDeserializer implements KafkaRecordDeserializationSchema<AlertRuleUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertRuleRecordDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<AlertRuleUpdate> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (!key.startsWith(SourceTopics.CONTROL_ALERT_RULE_PREFIX)) {
            return;
        }
        if (record.value() == null) {
            out.collect(new AlertRuleUpdate(key, null));
            return;
        }
        try {
            out.collect(
                    new AlertRuleUpdate(key, AlertRuleJson.parse(new String(record.value(), StandardCharsets.UTF_8))));
        } catch (RuntimeException e) {
            LOG.error("skipping alert rule record at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<AlertRuleUpdate> getProducedType() {
        return TypeInformation.of(AlertRuleUpdate.class);
    }
}
