package io.kpipulse.simulator;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Peak seasons show in the volumes: the Q1 sales push and the summer flood season for claims. */
class SeasonalityTest {

    private static final SimulationConfig ONE_TENANT =
            SimulationConfig.defaults().withSize(1, 2000, 40);

    private static long count(LocalDate start, String type) {
        SimulationResult r = Simulation.run(ONE_TENANT.withPeriod(start, 31));
        return r.events().stream().filter(e -> e.type().name().equals(type)).count();
    }

    @Test
    void marchSellsMoreThanMayBecauseOfTheFirstQuarterPush() {
        double ratio = (double) count(LocalDate.of(2026, 3, 1), "policy.PolicyIssued")
                / count(LocalDate.of(2026, 5, 1), "policy.PolicyIssued");
        // 1.6 × (May has five holidays fewer working days); anything clearly above 1.3 shows the push
        assertTrue(ratio > 1.3 && ratio < 2.4, "March / May policies " + ratio);
    }

    @Test
    void julyHasMoreClaimsThanMarchBecauseOfTheFloodSeason() {
        double ratio = (double) count(LocalDate.of(2026, 7, 1), "claims.ClaimReported")
                / count(LocalDate.of(2026, 3, 1), "claims.ClaimReported");
        assertTrue(ratio > 1.5 && ratio < 2.1, "July / March claims " + ratio);
    }
}
