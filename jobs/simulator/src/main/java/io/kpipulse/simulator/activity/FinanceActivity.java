package io.kpipulse.simulator.activity;

import io.kpipulse.events.finance.BudgetLineSpent;
import io.kpipulse.events.finance.ReimbursementApproved;
import io.kpipulse.events.finance.ReimbursementErrorType;
import io.kpipulse.events.finance.ReimbursementPaid;
import io.kpipulse.events.finance.ReimbursementReturned;
import io.kpipulse.events.finance.ReimbursementSubmitted;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.WorkingTime;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Expense reimbursements (submitted → approved by the manager → paid or, 4%, returned with an error), whose
 * delays run on working days only; and spending booked against every department's budget lines.
 */
final class FinanceActivity implements ActivityGenerator {

    private static final List<String> CATEGORIES = List.of("travel", "meals", "office", "training", "client-gifts");

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<String> processors = ctx.company().employeesOf(DepartmentFunction.FINANCE).stream()
                .filter(e -> !OrgActivity.isHead(e))
                .map(Employee::id)
                .toList();
        for (LocalDate day : ctx.days()) {
            if (!ctx.isWorkingDay(day)) {
                continue;
            }
            Map<String, List<String>> members = ctx.workforce().membersAt(ctx.millis(day, 0));
            for (List<String> people : members.values()) {
                for (String employee : people) {
                    if (random.chance(0.025)) {
                        reimbursement(ctx, random, day, employee, random.pick(processors));
                    }
                }
            }
            for (Department d : ctx.company().departments()) {
                for (int i = random.poisson(0.25); i > 0; i--) {
                    long t = ctx.timeOn(day, 9, 18, random);
                    String category = random.pick(CATEGORIES);
                    ctx.out()
                            .emit(BudgetLineSpent.newBuilder()
                                    .setHeader(ctx.out().departmentHeader(t, d.id()))
                                    .setBudgetLineId("bl-" + d.id() + "-" + category)
                                    .setDepartmentId(d.id())
                                    .setAmount(Money.logNormal(random, 5000, 1.0))
                                    .setCategory(category)
                                    .build());
                }
            }
        }
    }

    private void reimbursement(TenantContext ctx, SimRandom random, LocalDate day, String claimant, String processor) {
        Emitter out = ctx.out();
        String manager = ctx.workforce().employee(claimant).managerId();
        if (manager == null) {
            return;
        }
        String id = ctx.nextId("rb");
        long submitted = ctx.timeOn(day, 9, 18, random);
        BigDecimal amount = Money.logNormal(random, 600, 0.8);
        if (!out.emit(ReimbursementSubmitted.newBuilder()
                .setHeader(out.header(submitted, claimant))
                .setReimbursementId(id)
                .setClaimantEmployeeId(claimant)
                .setAmount(amount)
                .setCategory(random.pick(CATEGORIES))
                .build())) {
            return;
        }
        long approved =
                WorkingTime.addWorkingMillis(ctx.calendar(), submitted, TenantContext.hours(random.logNormal(3, 0.8)));
        if (!out.emit(ReimbursementApproved.newBuilder()
                .setHeader(out.header(approved, manager))
                .setReimbursementId(id)
                .setApproverId(manager)
                .build())) {
            return;
        }
        long processed =
                WorkingTime.addWorkingMillis(ctx.calendar(), approved, TenantContext.hours(random.logNormal(5, 0.9)));
        if (random.chance(0.04)) {
            List<ReimbursementErrorType> errors = List.of(
                    ReimbursementErrorType.MISSING_INVOICE,
                    ReimbursementErrorType.INVALID_INVOICE,
                    ReimbursementErrorType.AMOUNT_MISMATCH,
                    ReimbursementErrorType.WRONG_CATEGORY,
                    ReimbursementErrorType.OVER_LIMIT);
            out.emit(ReimbursementReturned.newBuilder()
                    .setHeader(out.header(processed, processor))
                    .setReimbursementId(id)
                    .setProcessorId(processor)
                    .setErrorType(random.pick(errors))
                    .build());
        } else {
            out.emit(ReimbursementPaid.newBuilder()
                    .setHeader(out.header(processed, processor))
                    .setReimbursementId(id)
                    .setProcessorId(processor)
                    .setAmount(amount)
                    .build());
        }
    }
}
