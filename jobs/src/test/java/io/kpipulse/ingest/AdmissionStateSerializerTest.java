package io.kpipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** Admission's state survives a checkpoint and a copy-on-write copy field for field. */
class AdmissionStateSerializerTest {

    private static final AdmissionStateSerializer SERIALIZER = AdmissionStateSerializer.INSTANCE;

    private static AdmissionState full() {
        AdmissionState s = new AdmissionState();
        s.hold(new RawRecord(
                "kpi.events.policy", 3, 42L, "t1|e-1", "bytes-é".getBytes(StandardCharsets.UTF_8), 1_000L, 1_100L));
        s.hold(new RawRecord("kpi.events.policy", 0, 7L, "t1|e-1", new byte[0], 1_000L, 900L));
        s.hold(new RawRecord("kpi.events.claims", 1, Long.MAX_VALUE, "", null, -5L, -4L));
        s.remember("ev-1", 3_661_000L);
        s.remember("ev-中文", 3_661_000L);
        s.remember("ev-3", 9_000_000L);
        s.timer = -5L;
        return s;
    }

    private static String describe(AdmissionState s) {
        StringBuilder out = new StringBuilder();
        s.waiting.forEach((t, records) -> records.forEach(r -> out.append(t)
                .append(' ')
                .append(r.position())
                .append(' ')
                .append(r.key())
                .append(' ')
                .append(r.value() == null ? "null" : new String(r.value(), StandardCharsets.UTF_8))
                .append(' ')
                .append(r.time())
                .append(' ')
                .append(r.receivedAt())
                .append('\n')));
        out.append(s.expiries)
                .append(' ')
                .append(new java.util.TreeSet<>(s.accepted))
                .append(' ')
                .append(s.timer);
        return out.toString();
    }

    @Test
    void everyFieldSurvivesACheckpoint() throws Exception {
        AdmissionState s = full();
        DataOutputSerializer out = new DataOutputSerializer(64);
        SERIALIZER.serialize(s, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        AdmissionState back = SERIALIZER.deserialize(in);
        assertEquals(0, in.available(), "every byte written is read back");
        assertEquals(describe(s), describe(back));
        assertArrayEquals(
                s.waiting.get(1_000L).get(0).value(),
                back.waiting.get(1_000L).get(0).value());
        assertNull(back.waiting.get(-5L).get(0).value(), "a record without a value stays without one");
    }

    @Test
    void aCopySharesNoCollection() {
        AdmissionState s = full();
        AdmissionState copy = SERIALIZER.copy(s);
        assertEquals(describe(s), describe(copy));
        copy.forget(3_661_000L);
        copy.waiting.get(1_000L).clear();
        copy.hold(new RawRecord("kpi.events.policy", 0, 8L, "t1|e-1", new byte[0], 2_000L, 2_000L));
        assertEquals(describe(full()), describe(s));
        assertEquals(List.of("ev-3"), copy.expiries.firstEntry().getValue());
    }
}
