package io.kpipulse.pipeline;

import io.kpipulse.indicators.CalendarUpdate;
import io.kpipulse.tenants.CalendarVersion;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads calendar versions from the control topic: key {@code calendar/<tenant>/<year>/<version>}, value the
 * version's JSON. Other keys are someone else's. A value that is not a valid version is logged and skipped —
 * failing would replay it forever; the API validated it.
 */
public final class CalendarRecordDeserializer implements KafkaRecordDeserializationSchema<CalendarUpdate> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(CalendarRecordDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<CalendarUpdate> out) {
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        if (!key.startsWith(CalendarVersion.CONTROL_KEY_PREFIX) || record.value() == null) {
            return;
        }
        CalendarUpdate update = new CalendarUpdate(new String(record.value(), StandardCharsets.UTF_8));
        try {
            update.parse();
            out.collect(update);
        } catch (RuntimeException e) {
            LOG.error("skipping calendar record at offset {}: {}", record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<CalendarUpdate> getProducedType() {
        return TypeInformation.of(CalendarUpdate.class);
    }
}
