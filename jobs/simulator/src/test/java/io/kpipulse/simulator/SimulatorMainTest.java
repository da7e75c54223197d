package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.config.Settings;
import io.kpipulse.simulator.faults.FaultShares;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruthFiles;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatorMainTest {

    @Test
    void commandLineOptionsOverrideDefaults() {
        SimulationConfig c = SimulationConfig.from(SimulatorMain.parse(
                new String[] {
                    "--seed",
                    "7",
                    "--tenants",
                    "3",
                    "--employees",
                    "500",
                    "--departments",
                    "20",
                    "--start",
                    "2026-07-01",
                    "--days",
                    "10",
                    "--faults",
                    "demo",
                    "--out-of-order-bound",
                    "2s",
                    "--dry-run"
                },
                Settings.of(Map.of())));
        assertEquals(7, c.seed());
        assertEquals(List.of("t-acme-life", "t-pingan-demo", "t-tenant-03"), c.tenantIds());
        assertEquals(LocalDate.of(2026, 7, 1), c.start());
        assertEquals(FaultShares.demo(), c.faults());
        assertEquals(Duration.ofSeconds(2), c.outOfOrderBound());
        assertTrue(c.dryRun());
        assertThrows(
                IllegalArgumentException.class,
                () -> SimulatorMain.parse(new String[] {"--colour", "red"}, Settings.of(Map.of())));
    }

    @Test
    void kafkaSecuritySettingsAreTheEnginesAndReachTheProducer() {
        // The password as the environment gives it (KPI_KAFKA_SASL_PASSWORD); the rest on the command line.
        Settings settings = SimulatorMain.parse(
                new String[] {
                    "--kafka.security-protocol",
                    "SASL_SSL",
                    "--kafka.sasl-mechanism",
                    "SCRAM-SHA-512",
                    "--kafka.sasl-username",
                    "simulator"
                },
                Settings.of(Map.of("kpi.kafka.sasl-password", "pw-from-env")));
        Map<String, String> client = KafkaClientOptions.clientProperties(settings);
        java.util.Properties producer = KafkaEventSink.properties("127.0.0.1:9093", client);
        assertEquals("SASL_SSL", producer.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", producer.get("sasl.mechanism"));
        assertEquals(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"simulator\""
                        + " password=\"pw-from-env\";",
                producer.get("sasl.jaas.config"));
        // Delivery guarantees are the simulator's own, whatever the security properties say.
        assertEquals(true, producer.get("enable.idempotence"));
        assertEquals("all", producer.get("acks"));
        // Kafka's own client accepts them (it parses the JAAS configuration and the mechanism when built).
        try (KafkaEventSink sink = new KafkaEventSink("127.0.0.1:9093", client)) {
            assertTrue(sink != null);
        }
        IllegalArgumentException onTheCommandLine = assertThrows(
                IllegalArgumentException.class,
                () -> SimulatorMain.parse(new String[] {"--kafka.sasl-password", "x"}, Settings.of(Map.of())));
        assertTrue(onTheCommandLine.getMessage().contains("KPI_KAFKA_SASL_PASSWORD"), onTheCommandLine.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> KafkaClientOptions.clientProperties(SimulatorMain.parse(
                        new String[] {"--kafka.security-protocol", "SASL_SSL"}, Settings.of(Map.of()))));
    }

    @Test
    void dryRunWritesSortedGroundTruthAndReconcilingCounts(@TempDir Path dir) throws Exception {
        SimulationConfig c = SimulationConfig.from(SimulatorMain.parse(
                new String[] {
                    "--employees",
                    "300",
                    "--departments",
                    "20",
                    "--days",
                    "7",
                    "--faults",
                    "demo",
                    "--out",
                    dir.toString(),
                    "--dry-run"
                },
                Settings.of(Map.of())));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimulatorMain.run(c, new PrintStream(out, true, StandardCharsets.UTF_8));
        List<String> lines = Files.readAllLines(dir.resolve(GroundTruthFiles.CSV));
        assertEquals(ExpectedValue.CSV_HEADER, lines.get(0));
        assertTrue(lines.size() > 1000);
        assertEquals(lines.subList(1, lines.size()).stream().distinct().count(), lines.size() - 1L);
        String json = Files.readString(dir.resolve(GroundTruthFiles.COUNTS));
        assertTrue(json.contains("\"accepted\": ") && json.contains("\"impossible_value\": "), json);
        String summary = out.toString(StandardCharsets.UTF_8);
        assertTrue(summary.contains("kpi.events.policy") && summary.contains("DUPLICATE"), summary);
    }
}
