package io.kpipulse.simulator;

import io.kpipulse.events.EventHeaders;
import io.kpipulse.events.EventType;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.common.EventHeader;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;

/**
 * One generated business event. {@code sequence} is the generation order inside the whole simulation; it is
 * the stable tie-break when events share an event time.
 */
public record SimEvent(long eventTime, long sequence, SpecificRecord event) {

    /** Event time first, then generation order: the order events are produced in before faults. */
    public static final Comparator<SimEvent> BY_TIME =
            Comparator.comparingLong(SimEvent::eventTime).thenComparingLong(SimEvent::sequence);

    public EventHeader header() {
        return EventHeaders.header(event);
    }

    public EventType type() {
        return EventTypes.of(event.getClass());
    }

    public String tenantId() {
        return header().getTenantId();
    }
}
