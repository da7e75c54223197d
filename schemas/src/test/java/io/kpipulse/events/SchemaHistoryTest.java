package io.kpipulse.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kpipulse.events.claims.ClaimReported;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaHistoryTest {
    private static final String FIX = "record the change as a new version: mvn -B -pl schemas compile exec:java "
            + "-Dexec.mainClass=io.kpipulse.events.SchemaHistoryTool";

    private final EventCodec codec = EventCodec.standard();

    static Stream<EventType> eventTypes() {
        return EventTypes.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void newestHistoryVersionIsTheCurrentSchema(EventType type) {
        List<SchemaHistory.Version> versions = SchemaHistory.versions(type);
        if (versions.isEmpty()) {
            fail(type.name() + " has no released version in src/main/avro-history; " + FIX);
        }
        Schema newest = versions.get(versions.size() - 1).schema();
        assertTrue(
                SchemaHistory.sameSchema(newest, type.schema()),
                type.name() + " differs from its newest history version v" + versions.size() + "; " + FIX);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void currentSchemaReadsDataWrittenWithEveryOlderVersion(EventType type) {
        for (SchemaHistory.Version version : SchemaHistory.versions(type)) {
            SchemaCompatibility.SchemaPairCompatibility result =
                    SchemaCompatibility.checkReaderWriterCompatibility(type.schema(), version.schema());
            assertEquals(
                    SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE,
                    result.getType(),
                    type.name() + " cannot read v" + version.number() + ": " + result.getDescription());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void decodesBytesWrittenWithEveryReleasedVersion(EventType type) throws Exception {
        for (SchemaHistory.Version version : SchemaHistory.versions(type)) {
            GenericRecord written = EventSamples.genericSample(type, version.schema(), 5);
            DecodedEvent decoded = codec.decode(encode(written, version.schema()));
            assertSame(type, decoded.type());
            assertEquals(version.number(), decoded.writerVersion());
            assertEquals(
                    written.get("header").toString(),
                    EventHeaders.header(decoded.event()).toString());
        }
    }

    @Test
    void decodesBytesWrittenWithPreviousSchemaVersion() throws Exception {
        EventType type = EventTypes.of(ClaimReported.class);
        Schema v1 = SchemaHistory.versions(type).get(0).schema();
        assertNull(v1.getField("lossDate"), "v1 of ClaimReported predates lossDate");

        DecodedEvent decoded = codec.decode(encode(EventSamples.genericSample(type, v1, 9), v1));

        ClaimReported expected = (ClaimReported) EventSamples.sample(type, 9);
        expected.setLossDate(null); // absent in v1: the reader's default
        assertEquals(expected, decoded.event());
        assertEquals(1, decoded.writerVersion());
    }

    @Test
    void historyHoldsARealEvolution() {
        List<SchemaHistory.Version> versions = SchemaHistory.versions(EventTypes.of(ClaimReported.class));
        assertEquals(2, versions.size());
        assertNotEquals(versions.get(0).schema(), versions.get(1).schema());
        assertTrue(codec.knownFingerprints().size() > EventTypes.all().size(), "older versions are decodable too");
    }

    @Test
    void historyToolAddsAVersionOnlyWhenTheSchemaChanged(@TempDir Path dir) throws Exception {
        List<String> first = SchemaHistoryTool.recordCurrentSchemas(dir);
        assertEquals(EventTypes.all().size(), first.size());
        assertTrue(Files.exists(dir.resolve("io.kpipulse.events.claims/ClaimReported/v1.avsc")));
        assertTrue(SchemaHistoryTool.recordCurrentSchemas(dir).isEmpty(), "unchanged schemas get no new version");

        Path v1 = dir.resolve("io.kpipulse.events.claims/ClaimReported/v1.avsc");
        Files.writeString(v1, Files.readString(v1).replace("Claim id; correlates", "Old doc; correlates"));
        assertEquals(
                List.of(dir.resolve("io.kpipulse.events.claims/ClaimReported/v2.avsc")
                        .toString()),
                SchemaHistoryTool.recordCurrentSchemas(dir));
        assertFalse(Files.exists(dir.resolve("io.kpipulse.events.claims/ClaimReported/v3.avsc")));
    }

    private static byte[] encode(GenericRecord record, Schema writer) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(EventSamples.GENERIC, writer).encode(record, out);
        return out.toByteArray();
    }
}
