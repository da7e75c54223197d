package io.kpipulse.simulator.activity;

import io.kpipulse.simulator.SimEvent;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Company;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the behaviour generators of one tenant, in a fixed order, each on its own split of the tenant's
 * random stream: org changes first (who leaves, moves), then hiring (new hires who then sell), then the
 * business domains, then month-end feedback.
 */
public final class ActivityModel {

    private ActivityModel() {}

    public static void generate(
            Company company, LocalDate start, int days, SimRandom random, List<SimEvent> out, long[] sequence) {
        long startMillis =
                start.atStartOfDay(company.calendar().zone()).toInstant().toEpochMilli();
        long endMillis = start.plusDays(days)
                .atStartOfDay(company.calendar().zone())
                .toInstant()
                .toEpochMilli();
        Workforce workforce = new Workforce(company, startMillis);
        Emitter emitter =
                new Emitter(company.tenantId(), workforce, random.split(), startMillis, endMillis, out, sequence);
        TenantContext ctx = new TenantContext(company, workforce, emitter, start, days);
        List<ActivityGenerator> generators = new ArrayList<>(List.of(
                new OrgActivity(),
                new HiringActivity(),
                new TrainingActivity(),
                new SalesActivity(),
                new ClaimsActivity(),
                new FinanceActivity(),
                new ServiceActivity(),
                new WorkflowActivity(),
                new TaskActivity(),
                new ItActivity(),
                new FeedbackActivity()));
        for (ActivityGenerator g : generators) {
            g.generate(ctx, random.split());
        }
    }
}
