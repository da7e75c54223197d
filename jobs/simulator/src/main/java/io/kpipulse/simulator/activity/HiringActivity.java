package io.kpipulse.simulator.activity;

import io.kpipulse.events.hr.CandidateOffered;
import io.kpipulse.events.hr.CandidateOnboarded;
import io.kpipulse.events.hr.RequisitionCancelled;
import io.kpipulse.events.hr.RequisitionFilled;
import io.kpipulse.events.hr.RequisitionOpened;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Hiring waves: at the start and in the middle of the period recruiters open requisitions for sales and
 * claims teams; candidates are offered (≈8 days) and onboarded (≈5 days later, 90% accept), which adds the
 * new hire to the org directory; some requisitions are cancelled; about 12% of new hires quit within weeks
 * (new-hire retention).
 */
final class HiringActivity implements ActivityGenerator {

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<String> recruiters =
                ctx
                        .company()
                        .employeesOf(ctx.company()
                                .teams(DepartmentFunction.HR)
                                .get(0)
                                .id())
                        .stream()
                        .filter(e -> !OrgActivity.isHead(e))
                        .map(Employee::id)
                        .toList();
        List<LocalDate> workingDays =
                ctx.days().stream().filter(ctx::isWorkingDay).toList();
        if (workingDays.isEmpty() || recruiters.isEmpty()) {
            return;
        }
        List<LocalDate> waves = List.of(workingDays.get(0), workingDays.get(workingDays.size() / 2));
        boolean cancelledOne = false;
        for (int w = 0; w < waves.size(); w++) {
            List<Department> teams = new ArrayList<>(ctx.company().teams(DepartmentFunction.LIFE_SALES));
            teams.addAll(ctx.company().teams(DepartmentFunction.PC_CLAIMS));
            for (int i = 0; i < teams.size(); i++) {
                Department team = teams.get(i);
                if (!random.chance(w == 0 ? 0.5 : 0.25)) {
                    continue;
                }
                boolean forceCancel = !cancelledOne && w == waves.size() - 1;
                cancelledOne |= requisition(ctx, random, team, random.pick(recruiters), waves.get(w), forceCancel);
            }
        }
    }

    /** Returns whether the requisition was cancelled. */
    private boolean requisition(
            TenantContext ctx,
            SimRandom random,
            Department team,
            String recruiter,
            LocalDate day,
            boolean forceCancel) {
        Emitter out = ctx.out();
        String requisitionId = ctx.nextId("rq");
        long opened = ctx.timeOn(day, 9.5, 12, random);
        int headcount = random.between(1, 3);
        String position = team.function() == DepartmentFunction.PC_CLAIMS ? "Claims Handler" : "Insurance Agent";
        if (!out.emit(RequisitionOpened.newBuilder()
                .setHeader(out.header(opened, recruiter))
                .setRequisitionId(requisitionId)
                .setRequestingDepartmentId(team.id())
                .setHeadcount(headcount)
                .setPosition(position)
                .setRecruiterId(recruiter)
                .build())) {
            return false;
        }
        if (forceCancel || random.chance(0.08)) {
            long at = opened + TenantContext.hours(random.logNormal(5 * 24, 0.5));
            out.emit(RequisitionCancelled.newBuilder()
                    .setHeader(out.header(at, recruiter))
                    .setRequisitionId(requisitionId)
                    .setReason("budget freeze")
                    .build());
            return true;
        }
        int onboarded = 0;
        long lastOnboarding = 0;
        for (int slot = 0; slot < headcount; slot++) {
            String candidate = ctx.nextId("cand");
            long offered = opened + TenantContext.hours(random.logNormal(8 * 24, 0.4));
            if (!out.emit(CandidateOffered.newBuilder()
                            .setHeader(out.header(offered, recruiter))
                            .setCandidateId(candidate)
                            .setRequisitionId(requisitionId)
                            .setRecruiterId(recruiter)
                            .build())
                    || !random.chance(0.9)) {
                continue;
            }
            LocalDate startDay = ctx.calendar().dayOf(offered + TenantContext.hours(random.logNormal(5 * 24, 0.4)));
            while (!ctx.isWorkingDay(startDay)) {
                startDay = startDay.plusDays(1);
            }
            long at = ctx.millis(startDay, 9) + random.nextLong(30) * 60_000L;
            if (at >= out.endMillis() || !ctx.workforce().isActive(recruiter, at)) {
                continue;
            }
            onboard(ctx, random, team, recruiter, requisitionId, candidate, position, at);
            onboarded++;
            lastOnboarding = Math.max(lastOnboarding, at);
        }
        if (onboarded > 0) {
            long at = lastOnboarding + TenantContext.hours(1);
            out.emit(RequisitionFilled.newBuilder()
                    .setHeader(out.header(at, recruiter))
                    .setRequisitionId(requisitionId)
                    .setFilledCount(onboarded)
                    .build());
        }
        return false;
    }

    private void onboard(
            TenantContext ctx,
            SimRandom random,
            Department team,
            String recruiter,
            String requisitionId,
            String candidate,
            String position,
            long at) {
        Emitter out = ctx.out();
        String head = ctx.company().employeesOf(team.id()).get(0).id();
        Employee hire = new Employee(
                ctx.workforce().newEmployeeId(),
                "New Hire " + candidate,
                team.id(),
                position,
                head,
                ctx.calendar().dayOf(at),
                Money.logNormal(random, 6000, 0.1));
        ctx.workforce().hire(hire, at);
        out.emit(CandidateOnboarded.newBuilder()
                .setHeader(out.header(at, recruiter))
                .setCandidateId(candidate)
                .setRequisitionId(requisitionId)
                .setNewEmployeeId(hire.id())
                .setDepartmentId(team.id())
                .setRecruiterId(recruiter)
                .build());
        out.emitOrg(OrgActivity.hired(out, hire, at));
        if (random.chance(0.12)) {
            long leaveAt = ctx.millis(ctx.calendar().dayOf(at).plusDays(random.between(3, 20)), 18);
            if (leaveAt < out.endMillis()) {
                OrgActivity.leave(ctx, hire.id(), leaveAt, true, random);
            }
        }
    }
}
