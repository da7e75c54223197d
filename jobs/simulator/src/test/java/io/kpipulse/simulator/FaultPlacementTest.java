package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventDecodeException;
import io.kpipulse.simulator.faults.FaultKind;
import io.kpipulse.simulator.faults.FaultShares;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Faults are placed where the engine's watermark rules classify them as the tag says. */
class FaultPlacementTest {

    private static final SimulationConfig CONFIG = SimulationConfig.defaults()
            .withSize(1, 400, 20)
            .withPeriod(LocalDate.of(2026, 3, 1), 14)
            .withFaults(new FaultShares(0.03, 0.03, 0.03, 0.03, 0, 0, 0));

    @Test
    void outOfOrderStaysWithinTheBoundAndLateIsBeyondBoundPlusLateness() {
        SimulationResult result = Simulation.run(CONFIG);
        long bound = CONFIG.outOfOrderBound().toMillis();
        long lateness = CONFIG.allowedLateness().toMillis();
        long maxClean = Long.MIN_VALUE; // over clean records: what surely advances the engine's watermark
        long maxAny = Long.MIN_VALUE;
        int outOfOrder = 0;
        int late = 0;
        for (ProducedRecord r : result.records()) {
            if (r.fault() == FaultKind.OUT_OF_ORDER) {
                assertTrue(maxClean > r.eventTime(), "an out-of-order record comes after a later event");
                assertTrue(maxAny <= r.eventTime() + bound, "but within the bound B");
                outOfOrder++;
            }
            if (r.fault() == FaultKind.LATE) {
                assertTrue(maxClean > r.eventTime() + bound + lateness, "late: beyond B + L");
                late++;
            }
            if (r.fault() == FaultKind.NONE) {
                maxClean = Math.max(maxClean, r.eventTime());
            }
            if (r.fault() != FaultKind.LATE) {
                maxAny = Math.max(maxAny, r.eventTime());
            }
        }
        assertTrue(outOfOrder > 10 && late > 10, outOfOrder + " out of order, " + late + " late");
    }

    @Test
    void duplicatesRepeatTheBytesOfAnEarlierRecordAndMalformedBytesDoNotDecode() {
        SimulationResult result = Simulation.run(CONFIG);
        Set<String> seen = new HashSet<>();
        int duplicates = 0;
        for (ProducedRecord r : result.records()) {
            String bytes = java.util.HexFormat.of().formatHex(r.value());
            if (r.fault() == FaultKind.DUPLICATE) {
                assertTrue(seen.contains(bytes), "a duplicate repeats earlier bytes");
                duplicates++;
            }
            if (r.fault() == FaultKind.MALFORMED) {
                assertThrows(
                        EventDecodeException.class, () -> EventCodec.standard().decode(r.value()));
            }
            seen.add(bytes);
        }
        assertTrue(duplicates > 10);
        ExpectedCounts counts = result.expectedCounts();
        assertEquals(duplicates, counts.duplicates());
        assertTrue(counts.reconciles());
    }

    @Test
    void cleanPresetInjectsNothing() {
        SimulationResult result = Simulation.run(CONFIG.withFaults(FaultShares.none()));
        assertEquals(result.events().size(), result.records().size());
        assertEquals(result.events().size(), result.accepted().size());
        assertTrue(result.records().stream().allMatch(r -> r.fault() == FaultKind.NONE));
        List<ProducedRecord> records = result.records();
        for (int i = 0; i < records.size(); i++) {
            assertArrayEquals(
                    EventCodec.standard().encode(result.events().get(i).event()),
                    records.get(i).value());
        }
    }
}
