package io.kpipulse.events;

import io.kpipulse.events.common.EventHeader;
import org.apache.avro.specific.SpecificRecord;

/**
 * A decoded event, always an instance of the current generated class whatever version it was written with.
 *
 * @param type the event type
 * @param event the event, resolved into the current schema
 * @param writerVersion the schema history version the producer wrote with (0 = current schema, not yet released
 *     into the history)
 * @param writerFingerprint CRC-64-AVRO fingerprint of the writer schema
 */
public record DecodedEvent(EventType type, SpecificRecord event, int writerVersion, long writerFingerprint) {
    public EventHeader header() {
        return EventHeaders.header(event);
    }
}
