package io.kpipulse.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.policy.PolicyIssued;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

class EventTypesTest {
    private static final Path AVRO = Path.of("src/main/avro");

    @Test
    void everySchemaFileIsARegisteredEventType() throws IOException {
        Set<String> files;
        try (Stream<Path> walk = Files.walk(AVRO)) {
            files = walk.filter(p -> p.toString().endsWith(".avsc"))
                    .filter(p -> !p.getParent().getFileName().toString().equals("common"))
                    .map(p -> p.getParent().getFileName() + "."
                            + p.getFileName().toString().replace(".avsc", ""))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> registered =
                EventTypes.all().stream().map(EventType::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, registered);
    }

    @Test
    void everyEventStartsWithTheSharedHeaderAndAStringCorrelationId() {
        for (EventType type : EventTypes.all()) {
            Schema schema = type.schema();
            assertEquals("header", schema.getFields().get(0).name(), type.name());
            assertEquals(EventHeader.getClassSchema(), schema.getFields().get(0).schema(), type.name());
            Schema correlation = schema.getFields().get(1).schema();
            assertEquals(
                    Schema.Type.STRING,
                    correlation.getType(),
                    type.name() + " correlation id must be a required string");
            assertTrue(type.correlationField().endsWith("Id"), type.name() + ": " + type.correlationField());
        }
    }

    @Test
    void everyFieldAndEveryEventIsDocumented() {
        List<String> undocumented = new ArrayList<>();
        for (EventType type : EventTypes.all()) {
            if (type.schema().getDoc() == null) {
                undocumented.add(type.name());
            }
            for (Schema.Field field : type.schema().getFields()) {
                if (field.doc() == null || field.doc().isBlank()) {
                    undocumented.add(type.name() + "." + field.name());
                }
            }
        }
        for (Schema.Field field : EventHeader.getClassSchema().getFields()) {
            if (field.doc() == null) {
                undocumented.add("EventHeader." + field.name());
            }
        }
        assertEquals(List.of(), undocumented);
    }

    @Test
    void everyEnumHasADefaultForForwardCompatibility() {
        List<String> missing = new ArrayList<>();
        for (EventType type : EventTypes.all()) {
            collectEnumsWithoutDefault(type.schema(), missing, new java.util.HashSet<>());
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void namespaceDeterminesSystemAndTopic() {
        EventType type = EventTypes.byName("policy.PolicyIssued").orElseThrow();
        assertEquals(PolicyIssued.class, type.javaClass());
        assertEquals(SourceSystem.POLICY, type.sourceSystem());
        assertEquals("kpi.events.policy", type.topic());
        assertEquals("policyId", type.correlationField());
        assertEquals(
                type,
                EventTypes.byFullName("io.kpipulse.events.policy.PolicyIssued").orElseThrow());
        assertEquals(type, EventTypes.of(PolicyIssued.class));
        assertEquals(
                SourceSystem.SELF_REPORT,
                EventTypes.byName("selfreport.SelfReportSubmitted")
                        .orElseThrow()
                        .sourceSystem());
        assertThrows(IllegalArgumentException.class, () -> EventTypes.of(String.class));
    }

    @Test
    void everySourceSystemHasOneTopicAndAtLeastOneEventType() {
        for (SourceSystem system : SourceSystem.values()) {
            if (system == SourceSystem.UNKNOWN) {
                assertThrows(IllegalArgumentException.class, () -> SourceTopics.topicFor(system));
                continue;
            }
            assertTrue(SourceTopics.topicFor(system).startsWith("kpi.events."));
            assertEquals(
                    system, SourceTopics.systemOf(SourceTopics.topicFor(system)).orElseThrow());
            assertTrue(!EventTypes.forSystem(system).isEmpty(), system + " emits no events");
        }
        assertEquals(12, Set.copyOf(SourceTopics.eventTopics()).size());
        assertEquals("kpi.events.selfreport", SourceTopics.topicFor(SourceSystem.SELF_REPORT));
        assertTrue(SourceTopics.systemOf(SourceTopics.DEAD_LETTERS).isEmpty());
        assertNotNull(SourceTopics.CONTROL);
    }

    private static void collectEnumsWithoutDefault(Schema schema, List<String> missing, Set<String> seen) {
        switch (schema.getType()) {
            case ENUM -> {
                if (schema.getEnumDefault() == null || !schema.getEnumSymbols().contains(schema.getEnumDefault())) {
                    missing.add(schema.getFullName());
                }
            }
            case RECORD -> {
                if (seen.add(schema.getFullName())) {
                    schema.getFields().forEach(f -> collectEnumsWithoutDefault(f.schema(), missing, seen));
                }
            }
            case UNION -> schema.getTypes().forEach(s -> collectEnumsWithoutDefault(s, missing, seen));
            case ARRAY -> collectEnumsWithoutDefault(schema.getElementType(), missing, seen);
            case MAP -> collectEnumsWithoutDefault(schema.getValueType(), missing, seen);
            default -> {}
        }
    }
}
