package io.kpipulse.events;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.EventDecodeException.Reason;
import io.kpipulse.events.claims.ClaimPaid;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.policy.PolicyIssued;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {
    private final EventCodec codec = EventCodec.standard();

    static Stream<EventType> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void roundTripsEveryEventTypeFullyPopulated(EventType type) throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            SpecificRecord event = EventSamples.sample(type, seed);
            DecodedEvent decoded = codec.decode(codec.encode(event));
            assertEquals(event, decoded.event());
            assertSame(type, decoded.type());
            assertEquals(type.javaClass(), decoded.event().getClass());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void roundTripsEveryEventTypeWithOptionalFieldsAbsent(EventType type) throws Exception {
        SpecificRecord event = EventSamples.sampleWithoutOptionals(type, 42);
        assertEquals(event, codec.decode(codec.encode(event)).event());
    }

    @Test
    void encodesAsSingleObjectWithTheCurrentSchemaFingerprint() {
        EventType type = EventTypes.of(PolicyIssued.class);
        byte[] bytes = codec.encode(EventSamples.sample(type, 7));
        assertEquals((byte) 0xC3, bytes[0]);
        assertEquals((byte) 0x01, bytes[1]);
        assertEquals(SchemaNormalization.parsingFingerprint64(type.schema()), EventCodec.fingerprintOf(bytes));
    }

    @Test
    void moneyKeepsItsExactDecimalValue() throws Exception {
        PolicyIssued event = (PolicyIssued) EventSamples.sample(EventTypes.of(PolicyIssued.class), 3);
        event.setPremium(new BigDecimal("1234567890123456.78"));
        PolicyIssued decoded = (PolicyIssued) codec.decode(codec.encode(event)).event();
        assertEquals(new BigDecimal("1234567890123456.78"), decoded.getPremium());
    }

    @Test
    void encodeRejectsMoneyWithMoreThanTwoDecimals() {
        PolicyIssued event = (PolicyIssued) EventSamples.sample(EventTypes.of(PolicyIssued.class), 3);
        event.setPremium(new BigDecimal("10.005"));
        assertThrows(IllegalArgumentException.class, () -> codec.encode(event));
    }

    @Test
    void encodeRejectsAHeaderWhoseSourceSystemDoesNotMatchTheEventType() {
        PolicyIssued event = (PolicyIssued) EventSamples.sample(EventTypes.of(PolicyIssued.class), 3);
        event.getHeader().setSourceSystem(SourceSystem.CLAIMS);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(event));
    }

    @Test
    void encodeRejectsATenantContainingTheKeySeparator() {
        PolicyIssued event = (PolicyIssued) EventSamples.sample(EventTypes.of(PolicyIssued.class), 3);
        event.getHeader().setTenantId("acme|evil");
        assertThrows(IllegalArgumentException.class, () -> codec.encode(event));
    }

    @Test
    void badMagicIsNotASingleObject() {
        byte[] bytes = validBytes();
        bytes[1] = 0x02;
        assertReason(Reason.NOT_SINGLE_OBJECT, bytes);
        assertReason(Reason.NOT_SINGLE_OBJECT, new byte[] {(byte) 0xC3, 0x01, 1, 2, 3});
        assertReason(Reason.NOT_SINGLE_OBJECT, new byte[0]);
        assertReason(Reason.NOT_SINGLE_OBJECT, "{\"json\":true}".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void unknownFingerprintIsUnknownSchema() {
        byte[] bytes = validBytes();
        bytes[5] ^= (byte) 0xFF;
        EventDecodeException e = assertReason(Reason.UNKNOWN_SCHEMA, bytes);
        assertEquals(EventCodec.fingerprintOf(bytes), e.fingerprint());
    }

    @Test
    void truncatedBodyIsMalformed() {
        byte[] bytes = validBytes();
        assertReason(Reason.MALFORMED_BODY, Arrays.copyOf(bytes, bytes.length - 1));
        assertReason(Reason.MALFORMED_BODY, Arrays.copyOf(bytes, EventCodec.HEADER_LENGTH));
    }

    @Test
    void trailingBytesAfterTheBodyAreMalformed() {
        byte[] bytes = validBytes();
        assertReason(Reason.MALFORMED_BODY, Arrays.copyOf(bytes, bytes.length + 3));
    }

    @Test
    void corruptBodyIsMalformed() {
        byte[] bytes = validBytes();
        for (int i = EventCodec.HEADER_LENGTH; i < bytes.length; i++) {
            bytes[i] = (byte) 0xFF;
        }
        assertReason(Reason.MALFORMED_BODY, bytes);
    }

    @Test
    void wellFormedEventWithInvalidHeaderIsRejected() throws Exception {
        PolicyIssued event = (PolicyIssued) EventSamples.sample(EventTypes.of(PolicyIssued.class), 3);
        event.getHeader().setSourceSystem(SourceSystem.HR);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<PolicyIssued>(
                        SpecificData.getForClass(PolicyIssued.class), PolicyIssued.getClassSchema())
                .encode(event, out);
        assertReason(Reason.INVALID_HEADER, out.toByteArray());
    }

    @Test
    void decodeErrorsCarryTheOriginalBytes() {
        byte[] bytes = validBytes();
        bytes[0] = 0;
        EventDecodeException e = assertThrows(EventDecodeException.class, () -> codec.decode(bytes));
        assertSame(bytes, e.originalBytes());
    }

    @Test
    void encodeRejectsUnregisteredRecords() {
        EventHeader notAnEvent = ((PolicyIssued) EventSamples.sample(EventTypes.of(PolicyIssued.class), 1)).getHeader();
        assertThrows(IllegalArgumentException.class, () -> codec.encode(notAnEvent));
    }

    @Test
    void decodesConcurrentlyFromManyThreads() throws Exception {
        List<EventType> types = EventTypes.all();
        List<byte[]> encoded = new ArrayList<>();
        List<SpecificRecord> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            SpecificRecord event = EventSamples.sample(types.get(i % types.size()), i);
            expected.add(event);
            encoded.add(codec.encode(event));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(pool.submit(() -> {
                    for (int round = 0; round < 10; round++) {
                        for (int i = 0; i < encoded.size(); i++) {
                            if (!expected.get(i)
                                    .equals(codec.decode(encoded.get(i)).event())) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> result : results) {
                assertTrue(result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private byte[] validBytes() {
        return codec.encode(EventSamples.sample(EventTypes.of(ClaimPaid.class), 11));
    }

    private EventDecodeException assertReason(Reason reason, byte[] bytes) {
        EventDecodeException e = assertThrows(EventDecodeException.class, () -> codec.decode(bytes));
        assertEquals(reason, e.reason(), e.getMessage());
        assertArrayEquals(bytes, e.originalBytes());
        return e;
    }
}
