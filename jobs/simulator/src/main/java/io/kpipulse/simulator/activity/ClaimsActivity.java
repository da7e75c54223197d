package io.kpipulse.simulator.activity;

import io.kpipulse.events.claims.ClaimApproved;
import io.kpipulse.events.claims.ClaimAssessed;
import io.kpipulse.events.claims.ClaimPaid;
import io.kpipulse.events.claims.ClaimRejected;
import io.kpipulse.events.claims.ClaimReported;
import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.finance.ClaimPaymentExecuted;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.simulator.Seasonality;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * P&C claims, around the clock, with a flood-season surge (June–September ×1.8): reported (handler) →
 * assessed (a colleague, ≈6 h) → approved by the team head (≈5 h; 7% rejected instead) → payment executed
 * by finance (≈14 h, the linked support indicator) → recorded as paid by the claims system (≈1.5 h).
 */
final class ClaimsActivity implements ActivityGenerator {

    static final double CLAIMS_PER_HANDLER_DAY = 0.35;

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<Department> teams = ctx.company().teams(DepartmentFunction.PC_CLAIMS);
        List<String> finance = ctx.company().employeesOf(DepartmentFunction.FINANCE).stream()
                .filter(e -> !OrgActivity.isHead(e))
                .map(Employee::id)
                .toList();
        for (LocalDate day : ctx.days()) {
            double rate = CLAIMS_PER_HANDLER_DAY * Seasonality.claims(day) * (ctx.isWorkingDay(day) ? 1.0 : 0.6);
            Map<String, List<String>> members = ctx.workforce().membersAt(ctx.millis(day, 0));
            for (Department team : teams) {
                List<String> handlers = members.getOrDefault(team.id(), List.of());
                if (handlers.isEmpty()) {
                    continue;
                }
                String head = ctx.company().employeesOf(team.id()).get(0).id();
                for (String handler : handlers) {
                    for (int i = random.poisson(rate); i > 0; i--) {
                        claim(ctx, random, day, handler, random.pick(handlers), head, random.pick(finance));
                    }
                }
            }
        }
    }

    private void claim(
            TenantContext ctx,
            SimRandom random,
            LocalDate day,
            String handler,
            String assessor,
            String approver,
            String financeExecutor) {
        Emitter out = ctx.out();
        String claimId = ctx.nextId("cl");
        long reported = ctx.timeOn(day, 0, 24, random);
        double u = random.uniform();
        LineOfBusiness line =
                u < 0.55 ? LineOfBusiness.AUTO : u < 0.9 ? LineOfBusiness.PROPERTY : LineOfBusiness.LIABILITY;
        BigDecimal claimed = Money.logNormal(random, 6000, 0.9);
        if (!out.emit(ClaimReported.newBuilder()
                .setHeader(out.header(reported, handler))
                .setClaimId(claimId)
                .setPolicyId(ctx.nextId("pc"))
                .setLineOfBusiness(line)
                .setClaimedAmount(claimed)
                .setHandlerId(handler)
                .setLossDate(day.minusDays(random.between(0, 3)))
                .build())) {
            return;
        }
        long assessed = reported + TenantContext.hours(random.logNormal(6, 0.7));
        BigDecimal amount = Money.of(claimed.doubleValue() * (0.6 + 0.4 * random.uniform()));
        if (!out.emit(ClaimAssessed.newBuilder()
                .setHeader(out.header(assessed, assessor))
                .setClaimId(claimId)
                .setAssessedAmount(amount)
                .setAssessorId(assessor)
                .build())) {
            return;
        }
        long decided = assessed + TenantContext.hours(random.logNormal(5, 0.7));
        if (random.chance(0.07)) {
            out.emit(ClaimRejected.newBuilder()
                    .setHeader(out.header(decided, approver))
                    .setClaimId(claimId)
                    .setReason(random.pick(List.of("not covered", "fraud suspected", "below deductible")))
                    .build());
            return;
        }
        if (!out.emit(ClaimApproved.newBuilder()
                .setHeader(out.header(decided, approver))
                .setClaimId(claimId)
                .setApprovedAmount(amount)
                .setApproverId(approver)
                .build())) {
            return;
        }
        long executed = decided + TenantContext.hours(random.logNormal(14, 0.8));
        if (!out.emit(ClaimPaymentExecuted.newBuilder()
                .setHeader(out.header(executed, financeExecutor))
                .setClaimId(claimId)
                .setPaymentId(ctx.nextId("pay"))
                .setAmount(amount)
                .setExecutedBy(financeExecutor)
                .build())) {
            return;
        }
        long paid = executed + TenantContext.hours(random.logNormal(1.5, 0.5));
        out.emit(ClaimPaid.newBuilder()
                .setHeader(out.header(paid, handler))
                .setClaimId(claimId)
                .setPaidAmount(amount)
                .build());
    }
}
