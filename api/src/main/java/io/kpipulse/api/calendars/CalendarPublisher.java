package io.kpipulse.api.calendars;

import io.kpipulse.api.control.ControlTopicWriter;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
import java.util.Map;

/**
 * Publishes calendar versions on the compacted control topic, keyed {@code calendar/<tenant>/<year>/<version>}
 * (a key per version, so compaction keeps every version a replay needs). Waits for the broker's
 * acknowledgement, so a 2xx answer means the running engine will see the version.
 */
public final class CalendarPublisher implements CalendarPublication, AutoCloseable {

    private final ControlTopicWriter control;

    /** @param clientProperties security settings of an external Kafka (KafkaClientOptions), applied first */
    public CalendarPublisher(String bootstrapServers, Map<String, String> clientProperties, String topicPrefix) {
        this.control = new ControlTopicWriter(bootstrapServers, clientProperties, topicPrefix);
    }

    @Override
    public void publish(CalendarVersion version) {
        control.send(version.controlKey(), CalendarVersionJson.write(version), "the calendar version");
    }

    @Override
    public void close() {
        control.close();
    }
}
