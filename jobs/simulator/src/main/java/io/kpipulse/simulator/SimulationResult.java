package io.kpipulse.simulator;

import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.faults.FaultKind;
import java.util.List;
import java.util.Map;

/**
 * A generated simulation.
 *
 * @param events   every clean event, sorted by time (before faults)
 * @param records  the records to produce, in production order, each tagged with its fault
 * @param accepted the events the engine must accept (clean, not late, first copy): the ground truth's input
 * @param injected how many records got each fault kind
 */
public record SimulationResult(
        SimulationConfig config,
        List<Company> companies,
        List<SimEvent> events,
        List<ProducedRecord> records,
        List<SimEvent> accepted,
        Map<FaultKind, Integer> injected) {

    public ExpectedCounts expectedCounts() {
        return ExpectedCounts.of(records, accepted.size());
    }
}
