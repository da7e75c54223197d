package io.kpipulse.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.events.claims.ClaimPaid;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.service.TicketReopened;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class EventKeysTest {
    private final ClaimPaid event = (ClaimPaid) EventSamples.sample(EventTypes.of(ClaimPaid.class), 1);

    @Test
    void keyIsTenantAndEmployeeWhenTheEventConcernsAnEmployee() {
        event.getHeader().setTenantId("acme");
        event.getHeader().setEmployeeId("E1");
        event.getHeader().setDepartmentId("D1");
        assertArrayEquals("acme|E1".getBytes(StandardCharsets.UTF_8), EventKeys.keyOf(event));
    }

    @Test
    void keyFallsBackToTheDepartmentWithoutAnEmployee() {
        event.getHeader().setTenantId("acme");
        event.getHeader().setEmployeeId(null);
        event.getHeader().setDepartmentId("D1");
        assertEquals("acme|D1", EventKeys.keyStringOf(event));
    }

    @Test
    void keyFallsBackToTheCorrelationIdWithoutEmployeeOrDepartment() {
        event.getHeader().setTenantId("acme");
        event.getHeader().setEmployeeId(null);
        event.getHeader().setDepartmentId(null);
        event.setClaimId("C-42");
        assertEquals("acme|C-42", EventKeys.keyStringOf(event));
    }

    @Test
    void everyEventTypeHasAKeyWithoutEmployeeOrDepartment() {
        for (EventType type : EventTypes.all()) {
            SpecificRecord sample = EventSamples.sampleWithoutOptionals(type, 3);
            EventHeader header = EventHeaders.header(sample);
            header.setEmployeeId(null);
            header.setDepartmentId(null);
            assertEquals(
                    header.getTenantId() + "|" + sample.get(type.correlationFieldPos()), EventKeys.keyStringOf(sample));
        }
    }

    @Test
    void keysAreUtf8() {
        event.getHeader().setTenantId("平安");
        event.getHeader().setEmployeeId("张三");
        assertArrayEquals("平安|张三".getBytes(StandardCharsets.UTF_8), EventKeys.keyOf(event));
    }

    @Test
    void headerIsReadGenericallyFromAnyEvent() {
        TicketReopened ticket = (TicketReopened) EventSamples.sample(EventTypes.of(TicketReopened.class), 2);
        assertSame(ticket.getHeader(), EventHeaders.header(ticket));
        assertThrows(IllegalArgumentException.class, () -> EventHeaders.header(ticket.getHeader()));
    }
}
