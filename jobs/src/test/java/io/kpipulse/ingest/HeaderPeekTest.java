package io.kpipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.events.EventCodec;
import io.kpipulse.testing.TestEvents;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class HeaderPeekTest {

    private final TestEvents events = new TestEvents("t-acme-life");

    @Test
    void readsTheEventTimeWithoutDecodingTheEvent() {
        byte[] bytes = EventCodec.standard()
                .encode(events.policy("e-00001", "d-001", "2026-03-10T10:00:00.123", "1.00", true));
        assertEquals(TestEvents.at("2026-03-10T10:00:00.123").toEpochMilli(), HeaderPeek.eventTime(bytes, -1));
    }

    @Test
    void fallsBackOnBytesThatAreNotAnEvent() {
        assertEquals(-1, HeaderPeek.eventTime("garbage bytes here".getBytes(StandardCharsets.UTF_8), -1));
        byte[] bytes =
                EventCodec.standard().encode(events.policy("e-00001", "d-001", "2026-03-10T10:00", "1.00", true));
        assertEquals(-1, HeaderPeek.eventTime(Arrays.copyOf(bytes, 14), -1));
    }
}
