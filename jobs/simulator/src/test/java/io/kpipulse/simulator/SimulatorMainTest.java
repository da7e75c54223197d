package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.config.Settings;
import io.kpipulse.simulator.faults.FaultShares;
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
