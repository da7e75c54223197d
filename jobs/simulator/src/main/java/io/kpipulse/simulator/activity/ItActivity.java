package io.kpipulse.simulator.activity;

import io.kpipulse.events.it.IncidentOpened;
import io.kpipulse.events.it.IncidentResolved;
import io.kpipulse.events.it.IncidentSeverity;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** IT incidents (≈1 a working day) owned by an IT engineer, affecting a few sales teams, resolved in ≈2 h. */
final class ItActivity implements ActivityGenerator {

    private static final List<String> SYSTEMS =
            List.of("core-policy-admin", "claims-portal", "crm", "mobile-app", "payment-gateway", "email");

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<String> engineers = ctx.company().employeesOf(DepartmentFunction.IT).stream()
                .filter(e -> !OrgActivity.isHead(e))
                .map(Employee::id)
                .toList();
        List<String> salesTeams = ctx.company().teams(DepartmentFunction.LIFE_SALES).stream()
                .map(Department::id)
                .toList();
        Emitter out = ctx.out();
        for (LocalDate day : ctx.days()) {
            for (int i = random.poisson(ctx.isWorkingDay(day) ? 1.0 : 0.5); i > 0; i--) {
                String owner = random.pick(engineers);
                String id = ctx.nextId("inc");
                long opened = ctx.timeOn(day, 0, 24, random);
                double u = random.uniform();
                IncidentSeverity severity = u < 0.05
                        ? IncidentSeverity.SEV1
                        : u < 0.25 ? IncidentSeverity.SEV2 : u < 0.7 ? IncidentSeverity.SEV3 : IncidentSeverity.SEV4;
                List<String> affected = new ArrayList<>();
                for (int k = random.between(1, 3); k > 0; k--) {
                    String team = random.pick(salesTeams);
                    if (!affected.contains(team)) {
                        affected.add(team);
                    }
                }
                if (!out.emit(IncidentOpened.newBuilder()
                        .setHeader(out.header(opened, owner))
                        .setIncidentId(id)
                        .setAffectedSystem(random.pick(SYSTEMS))
                        .setSeverity(severity)
                        .setAffectedDepartmentIds(affected)
                        .setOwnerId(owner)
                        .build())) {
                    continue;
                }
                long resolved = opened + TenantContext.hours(random.logNormal(2, 1.0));
                out.emit(IncidentResolved.newBuilder()
                        .setHeader(out.header(resolved, owner))
                        .setIncidentId(id)
                        .setResolverId(owner)
                        .build());
            }
        }
    }
}
