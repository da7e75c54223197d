package io.kpipulse.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.config.Settings;
import io.kpipulse.events.DecodedEvent;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventTypes;
import io.kpipulse.simulator.ProducedRecord;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationConfig;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.testing.TestEvents;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class PayloadJsonTest {

    /** Every character class Avro escapes differently, and characters beyond Latin-1 and the BMP. */
    private static final String AWKWARD =
            "q\"b\\s/\b\f\n\r\t\u0000\u001F\u007F\u0085\u009F\u00A0\u2000\u2028\u20FF\u2100" + " 张伟 \uD83D\uDE00 é";

    private final PayloadJson json = new PayloadJson();

    @Test
    void rendersEveryEventOfASimulatedMonthAsAvroDoes() throws Exception {
        var simulation = Simulation.run(SimulationConfig.from(Settings.of(Map.of(
                SimulatorOptions.TENANTS.key(), "2",
                SimulatorOptions.EMPLOYEES.key(), "80",
                SimulatorOptions.DEPARTMENTS.key(), "20",
                SimulatorOptions.START.key(), "2026-03-01",
                SimulatorOptions.DAYS.key(), "31",
                SimulatorOptions.FAULTS.key(), "none"))));
        EventCodec codec = EventCodec.standard();
        Set<String> types = new HashSet<>();
        for (ProducedRecord r : simulation.records()) {
            DecodedEvent decoded = codec.decode(r.value()); // as admission renders it: decoded from the bytes
            assertEquals(decoded.event().toString(), json.of(decoded.event()));
            types.add(decoded.type().name());
        }
        assertTrue(types.size() > EventTypes.all().size() / 2, "the month covers most event types: " + types);
    }

    @Test
    void escapesStringsAsAvroDoes() {
        var policy = new TestEvents("t-acme-life").policy("e-00001", "d-001", "2026-03-10T10:00", "12.30", true);
        policy.setCustomerId(AWKWARD);
        policy.setPolicyId("");
        assertEquals(policy.toString(), json.of(policy));
    }

    @Test
    void rendersEverySchemaShapeAsAvroDoes() {
        Schema inner =
                SchemaBuilder.record("Inner").fields().requiredString("s").endRecord();
        Schema schema = SchemaBuilder.record("Shapes")
                .fields()
                .name("list")
                .type()
                .array()
                .items()
                .stringType()
                .noDefault()
                .name("empty")
                .type()
                .array()
                .items()
                .intType()
                .noDefault()
                .name("map")
                .type()
                .map()
                .values()
                .doubleType()
                .noDefault()
                .name("bytes")
                .type()
                .bytesType()
                .noDefault()
                .name("symbol")
                .type()
                .enumeration("Kind")
                .symbols("A", "B")
                .noDefault()
                .name("missing")
                .type()
                .optional()
                .stringType()
                .name("nan")
                .type()
                .doubleType()
                .noDefault()
                .name("infinite")
                .type()
                .floatType()
                .noDefault()
                .name("number")
                .type()
                .doubleType()
                .noDefault()
                .name("flag")
                .type()
                .booleanType()
                .noDefault()
                .name("inner")
                .type(inner)
                .noDefault()
                .name("records")
                .type()
                .array()
                .items(inner)
                .noDefault()
                .endRecord();
        GenericRecord innerValue = new GenericData.Record(inner);
        innerValue.put("s", AWKWARD);
        GenericRecord r = new GenericData.Record(schema);
        r.put("list", List.of("a", AWKWARD));
        r.put("empty", List.of());
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("k\"1", 1.5);
        map.put("k2", Double.NEGATIVE_INFINITY);
        r.put("map", map);
        r.put("bytes", ByteBuffer.wrap("b\u00e9\n".getBytes(StandardCharsets.ISO_8859_1)));
        r.put("symbol", new GenericData.EnumSymbol(schema.getField("symbol").schema(), "B"));
        r.put("missing", null);
        r.put("nan", Double.NaN);
        r.put("infinite", Float.POSITIVE_INFINITY);
        r.put("number", -0.25);
        r.put("flag", true);
        r.put("inner", innerValue);
        r.put("records", List.of(innerValue, innerValue));
        assertEquals(GenericData.get().toString(r), json.of(r));
    }

    @Test
    void rendersLogicalValuesAsAvroDoes() {
        Schema schema = SchemaBuilder.record("Logical")
                .fields()
                .name("day")
                .type()
                .stringType()
                .noDefault()
                .name("at")
                .type()
                .stringType()
                .noDefault()
                .name("id")
                .type()
                .stringType()
                .noDefault()
                .name("amount")
                .type()
                .stringType()
                .noDefault()
                .endRecord();
        // Converted values as generated records hold them (the field schemas do not matter to either renderer).
        GenericRecord r = new GenericData.Record(schema);
        r.put("day", LocalDate.parse("2026-03-10"));
        r.put("at", Instant.parse("2026-03-10T02:00:00.120Z"));
        r.put("id", UUID.fromString("6b706900-0000-0000-0000-00000000002a"));
        r.put("amount", new java.math.BigDecimal("1234.50"));
        assertEquals(GenericData.get().toString(r), json.of(r));
    }
}
