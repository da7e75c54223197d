package io.kpipulse.simulator.activity;

import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.crm.CustomerRecordCreated;
import io.kpipulse.events.crm.CustomerRecordUpdated;
import io.kpipulse.events.crm.CustomerRecordVerified;
import io.kpipulse.events.crm.LeadConverted;
import io.kpipulse.events.crm.LeadCreated;
import io.kpipulse.events.finance.CommissionPaid;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.PolicyLapsed;
import io.kpipulse.events.policy.PolicySurrendered;
import io.kpipulse.events.policy.SalesChannel;
import io.kpipulse.events.selfreport.SelfReportSubmitted;
import io.kpipulse.simulator.Seasonality;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Department;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Life-insurance agents: leads (≈8% convert), policies (first-year and renewals, Q1 push ×1.6), lapses and
 * surrenders, CRM customer records, monthly commission on the 10th, and at month end a self-report of
 * customer records completed that overstates the CRM's count for about a quarter of the agents.
 */
final class SalesActivity implements ActivityGenerator {

    static final double LEADS_PER_DAY = 0.6;
    static final double POLICIES_PER_DAY = 0.22;
    static final double CONVERSION = 0.08;

    private static final List<String> LEAD_SOURCES = List.of("referral", "campaign-q1", "walk-in", "online", "event");

    /** Verified-complete customer records per agent and month, for the self-reports. */
    private final Map<String, Integer> verified = new TreeMap<>();

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<String> salesTeams = ctx.company().teams(DepartmentFunction.LIFE_SALES).stream()
                .map(Department::id)
                .toList();
        for (LocalDate day : ctx.days()) {
            double factor = Seasonality.sales(day) * (ctx.isWorkingDay(day) ? 1.0 : 0.25);
            long dayStart = ctx.millis(day, 0);
            Map<String, List<String>> members = ctx.workforce().membersAt(dayStart);
            for (String team : salesTeams) {
                for (String agent : members.getOrDefault(team, List.of())) {
                    agentDay(ctx, random, agent, day, factor);
                }
            }
            if (day.getDayOfMonth() == 10) {
                commissions(ctx, random, day, members, salesTeams);
            }
            if (day.plusDays(1).getDayOfMonth() == 1) {
                selfReports(ctx, random, day, members, salesTeams);
            }
        }
    }

    private void agentDay(TenantContext ctx, SimRandom random, String agent, LocalDate day, double factor) {
        Emitter out = ctx.out();
        boolean newHire = ctx.workforce()
                .employee(agent)
                .hireDate()
                .isAfter(ctx.firstDay().minusDays(1));
        double experience = newHire ? 0.5 : 1.0;
        for (int i = random.poisson(LEADS_PER_DAY * factor * experience); i > 0; i--) {
            long t = ctx.timeOn(day, 9, 20, random);
            String lead = ctx.nextId("ld");
            out.emit(LeadCreated.newBuilder()
                    .setHeader(out.header(t, agent))
                    .setLeadId(lead)
                    .setOwnerId(agent)
                    .setSource(random.pick(LEAD_SOURCES))
                    .build());
            if (random.chance(CONVERSION)) {
                long c = t + TenantContext.hours(random.logNormal(48, 0.8));
                out.emit(LeadConverted.newBuilder()
                        .setHeader(out.header(c, agent))
                        .setLeadId(lead)
                        .setOwnerId(agent)
                        .setPolicyId(random.chance(0.7) ? ctx.nextId("p") : null)
                        .build());
            }
        }
        for (int i = random.poisson(POLICIES_PER_DAY * factor * experience); i > 0; i--) {
            long t = ctx.timeOn(day, 9, 21, random);
            boolean firstYear = random.chance(0.75);
            double u = random.uniform();
            out.emit(PolicyIssued.newBuilder()
                    .setHeader(out.header(t, agent))
                    .setPolicyId(ctx.nextId("p"))
                    .setPremium(Money.logNormal(random, firstYear ? 9000 : 5000, 0.7))
                    .setProductLine(
                            u < 0.7 ? LineOfBusiness.LIFE : u < 0.9 ? LineOfBusiness.HEALTH : LineOfBusiness.ACCIDENT)
                    .setChannel(channel(random))
                    .setAgentId(agent)
                    .setFirstYear(firstYear)
                    .setCustomerId(ctx.nextId("c"))
                    .build());
        }
        if (random.chance(0.012)) {
            long t = ctx.timeOn(day, 0, 24, random);
            out.emit(PolicyLapsed.newBuilder()
                    .setHeader(out.header(t, agent))
                    .setPolicyId(ctx.nextId("p-old"))
                    .setAgentId(agent)
                    .setPremiumLost(Money.logNormal(random, 6000, 0.6))
                    .build());
        }
        if (random.chance(0.004)) {
            long t = ctx.timeOn(day, 9, 17, random);
            out.emit(PolicySurrendered.newBuilder()
                    .setHeader(out.header(t, agent))
                    .setPolicyId(ctx.nextId("p-old"))
                    .setAgentId(agent)
                    .setSurrenderValue(Money.logNormal(random, 20000, 0.8))
                    .build());
        }
        crm(ctx, random, agent, day, factor);
    }

    private void crm(TenantContext ctx, SimRandom random, String agent, LocalDate day, double factor) {
        Emitter out = ctx.out();
        for (int i = random.poisson(0.35 * factor); i > 0; i--) {
            long t = ctx.timeOn(day, 9, 20, random);
            out.emit(CustomerRecordCreated.newBuilder()
                    .setHeader(out.header(t, agent))
                    .setCustomerId(ctx.nextId("c"))
                    .setOwnerId(agent)
                    .build());
        }
        for (int i = random.poisson(0.3 * factor); i > 0; i--) {
            long t = ctx.timeOn(day, 9, 20, random);
            out.emit(CustomerRecordUpdated.newBuilder()
                    .setHeader(out.header(t, agent))
                    .setCustomerId(ctx.nextId("c"))
                    .setOwnerId(agent)
                    .setFieldsChanged(random.between(1, 8))
                    .build());
        }
        for (int i = random.poisson(0.3 * factor); i > 0; i--) {
            long t = ctx.timeOn(day, 9, 20, random);
            boolean complete = random.chance(0.85);
            if (out.emit(CustomerRecordVerified.newBuilder()
                            .setHeader(out.header(t, agent))
                            .setCustomerId(ctx.nextId("c"))
                            .setOwnerId(agent)
                            .setComplete(complete)
                            .build())
                    && complete) {
                verified.merge(agent + "|" + YearMonth.from(day), 1, Integer::sum);
            }
        }
    }

    private static SalesChannel channel(SimRandom random) {
        double u = random.uniform();
        return u < 0.85
                ? SalesChannel.AGENT
                : u < 0.92 ? SalesChannel.BANCASSURANCE : u < 0.97 ? SalesChannel.TELESALES : SalesChannel.ONLINE;
    }

    private void commissions(
            TenantContext ctx,
            SimRandom random,
            LocalDate day,
            Map<String, List<String>> members,
            List<String> salesTeams) {
        Emitter out = ctx.out();
        String period = YearMonth.from(day).minusMonths(1).toString();
        for (String team : salesTeams) {
            for (String agent : members.getOrDefault(team, List.of())) {
                long t = ctx.timeOn(day, 15, 17, random);
                out.emit(CommissionPaid.newBuilder()
                        .setHeader(out.header(t, agent))
                        .setAgentId(agent)
                        .setAmount(Money.logNormal(random, 3000, 0.5))
                        .setPeriodMonth(period)
                        .build());
            }
        }
    }

    private void selfReports(
            TenantContext ctx,
            SimRandom random,
            LocalDate day,
            Map<String, List<String>> members,
            List<String> salesTeams) {
        Emitter out = ctx.out();
        YearMonth month = YearMonth.from(day);
        for (String team : salesTeams) {
            for (String agent : members.getOrDefault(team, List.of())) {
                if (!random.chance(0.7)) {
                    continue;
                }
                long t = ctx.timeOn(day, 20, 22, random);
                long count = verified.getOrDefault(agent + "|" + month, 0);
                if (random.chance(0.25)) {
                    count += random.between(1, 2 + (int) (count / 5));
                }
                out.emit(SelfReportSubmitted.newBuilder()
                        .setHeader(out.header(t, agent))
                        .setEmployeeId(agent)
                        .setPeriod(month.toString())
                        .setMetric("customer_records_completed")
                        .setClaimedCount(count)
                        .build());
            }
        }
    }
}
