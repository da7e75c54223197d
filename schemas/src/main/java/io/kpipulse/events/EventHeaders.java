package io.kpipulse.events;

import io.kpipulse.events.common.EventHeader;
import org.apache.avro.specific.SpecificRecord;

/** Generic access to the {@link EventHeader} every event carries as its first field. */
public final class EventHeaders {
    /** Position of the {@code header} field in every event record (asserted by the contract tests). */
    public static final int HEADER_POS = 0;

    private EventHeaders() {}

    /**
     * The header of any event.
     *
     * @throws IllegalArgumentException if the record is not a KPI Pulse event or its header is missing
     */
    public static EventHeader header(SpecificRecord event) {
        if (event.getSchema().getFields().isEmpty() || !(event.get(HEADER_POS) instanceof EventHeader header)) {
            throw new IllegalArgumentException("not a KPI Pulse event or header missing: "
                    + event.getSchema().getFullName());
        }
        return header;
    }
}
