package io.kpipulse.simulator.activity;

import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.service.ServiceChannel;
import io.kpipulse.events.service.TicketFirstResponse;
import io.kpipulse.events.service.TicketOpened;
import io.kpipulse.events.service.TicketPriority;
import io.kpipulse.events.service.TicketReopened;
import io.kpipulse.events.service.TicketResolved;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Department;
import java.time.LocalDate;
import java.util.List;

/**
 * Customer-service tickets, 8:00–22:00 every day: opened and assigned, first response ≈10 minutes (median),
 * resolved (92%, ≈3 h), reopened (5% of resolved, ≈1 day later; attributed to the resolver).
 */
final class ServiceActivity implements ActivityGenerator {

    static final double TICKETS_PER_AGENT_DAY = 3.0;

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<Department> teams = ctx.company().teams(DepartmentFunction.CUSTOMER_SERVICE);
        for (LocalDate day : ctx.days()) {
            double rate = TICKETS_PER_AGENT_DAY * (ctx.isWorkingDay(day) ? 1.0 : 0.5);
            for (Department team : teams) {
                for (String agent : ctx.workforce().membersOf(team.id(), ctx.millis(day, 0))) {
                    for (int i = random.poisson(rate); i > 0; i--) {
                        ticket(ctx, random, day, agent);
                    }
                }
            }
        }
    }

    private void ticket(TenantContext ctx, SimRandom random, LocalDate day, String agent) {
        Emitter out = ctx.out();
        String id = ctx.nextId("tk");
        long opened = ctx.timeOn(day, 8, 22, random);
        double u = random.uniform();
        TicketPriority priority = u < 0.2
                ? TicketPriority.LOW
                : u < 0.85 ? TicketPriority.NORMAL : u < 0.97 ? TicketPriority.HIGH : TicketPriority.URGENT;
        if (!out.emit(TicketOpened.newBuilder()
                .setHeader(out.header(opened, agent))
                .setTicketId(id)
                .setCustomerId(random.chance(0.8) ? ctx.nextId("c") : null)
                .setChannel(random.pick(List.of(
                        ServiceChannel.PHONE,
                        ServiceChannel.CHAT,
                        ServiceChannel.APP,
                        ServiceChannel.EMAIL,
                        ServiceChannel.WEB)))
                .setPriority(priority)
                .setAssigneeId(agent)
                .build())) {
            return;
        }
        long responded = opened + Math.round(random.logNormal(10, 0.6) * 60_000);
        if (!out.emit(TicketFirstResponse.newBuilder()
                        .setHeader(out.header(responded, agent))
                        .setTicketId(id)
                        .setResponderId(agent)
                        .build())
                || !random.chance(0.92)) {
            return;
        }
        long resolved = responded + TenantContext.hours(random.logNormal(3, 0.8));
        if (out.emit(TicketResolved.newBuilder()
                        .setHeader(out.header(resolved, agent))
                        .setTicketId(id)
                        .setResolverId(agent)
                        .build())
                && random.chance(0.05)) {
            long reopened = resolved + TenantContext.hours(random.logNormal(24, 0.5));
            out.emit(TicketReopened.newBuilder()
                    .setHeader(out.header(reopened, agent))
                    .setTicketId(id)
                    .build());
        }
    }
}
