package io.kpipulse.simulator.activity;

import io.kpipulse.simulator.SimRandom;

/** One domain of behaviour (sales, claims, ...): emits its events for one tenant's period. */
interface ActivityGenerator {

    void generate(TenantContext ctx, SimRandom random);
}
