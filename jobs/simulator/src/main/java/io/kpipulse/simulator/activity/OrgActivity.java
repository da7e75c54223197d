package io.kpipulse.simulator.activity;

import io.kpipulse.events.hr.EmployeeExited;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentRenamed;
import io.kpipulse.events.org.DepartmentReparented;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.events.org.EmployeeLeft;
import io.kpipulse.events.org.EmployeeMoved;
import io.kpipulse.events.org.SupportLinkAssigned;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import io.kpipulse.simulator.company.SupportLink;
import java.time.LocalDate;
import java.util.List;

/**
 * The org directory: the initial company published at the period's first instant (so the engine's directory
 * knows everyone before their first event), then attrition (about 1.2% a month, never department heads), a
 * few moves between sales teams, one team renamed and one team reparented to the other sales division.
 */
final class OrgActivity implements ActivityGenerator {

    static final double MONTHLY_ATTRITION = 0.012;

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        publishInitialCompany(ctx);
        attrition(ctx, random);
        moves(ctx, random);
        restructure(ctx);
    }

    private void publishInitialCompany(TenantContext ctx) {
        Company company = ctx.company();
        long t0 = ctx.millis(ctx.firstDay(), 0);
        Emitter out = ctx.out();
        for (Department d : company.departments()) {
            out.emitOrg(DepartmentCreated.newBuilder()
                    .setHeader(out.departmentHeader(t0, d.id()))
                    .setDepartmentId(d.id())
                    .setName(d.name())
                    .setParentDepartmentId(d.parentId())
                    .setDepartmentType(d.type())
                    .setFunction(d.function())
                    .build());
        }
        for (Employee e : company.employees()) {
            out.emitOrg(hired(out, e, t0));
        }
        for (SupportLink link : company.supportLinks()) {
            out.emitOrg(SupportLinkAssigned.newBuilder()
                    .setHeader(out.departmentHeader(t0, link.supportDepartmentId()))
                    .setSupportDepartmentId(link.supportDepartmentId())
                    .setBusinessDepartmentId(link.businessDepartmentId())
                    .setEffectiveDate(ctx.firstDay())
                    .setActive(true)
                    .build());
        }
    }

    static EmployeeHired hired(Emitter out, Employee e, long at) {
        return EmployeeHired.newBuilder()
                .setHeader(out.header(at, e.id(), e.departmentId()))
                .setEmployeeId(e.id())
                .setDepartmentId(e.departmentId())
                .setPosition(e.position())
                .setManagerId(e.managerId())
                .setHireDate(e.hireDate())
                .setBasePay(e.basePay())
                .setName(e.name())
                .build();
    }

    private void attrition(TenantContext ctx, SimRandom random) {
        double p = MONTHLY_ATTRITION * ctx.days().size() / 30.0;
        List<LocalDate> workingDays =
                ctx.days().stream().filter(ctx::isWorkingDay).toList();
        if (workingDays.isEmpty()) {
            return;
        }
        for (Employee e : ctx.company().employees()) {
            if (isHead(e) || !random.chance(p)) {
                continue;
            }
            long at = ctx.timeOn(random.pick(workingDays), 17.5, 19, random);
            leave(ctx, e.id(), at, random.chance(0.8), random);
        }
    }

    /** An employee leaves: the org directory's record and HR's exit record, at the same instant. */
    static void leave(TenantContext ctx, String employeeId, long at, boolean voluntary, SimRandom random) {
        Emitter out = ctx.out();
        String dept = ctx.workforce().departmentOf(employeeId, at);
        LocalDate day = ctx.calendar().dayOf(at);
        // HR's exit record first: at the same instant, the directory's leave must not make it an unknown employee.
        out.emitOrg(EmployeeExited.newBuilder()
                .setHeader(out.header(at, employeeId, dept))
                .setEmployeeId(employeeId)
                .setDepartmentId(dept)
                .setVoluntary(voluntary)
                .setExitDate(day)
                .build());
        out.emitOrg(EmployeeLeft.newBuilder()
                .setHeader(out.header(at, employeeId, dept))
                .setEmployeeId(employeeId)
                .setDepartmentId(dept)
                .setLeaveDate(day)
                .setVoluntary(voluntary)
                .setReason(voluntary ? random.pick(List.of("career change", "relocation", "further study")) : null)
                .build());
        ctx.workforce().leave(employeeId, at);
    }

    private void moves(TenantContext ctx, SimRandom random) {
        List<Department> teams = ctx.company().teams(DepartmentFunction.LIFE_SALES);
        List<LocalDate> workingDays =
                ctx.days().stream().filter(ctx::isWorkingDay).toList();
        if (teams.size() < 2 || workingDays.isEmpty()) {
            return;
        }
        int moved = 0;
        for (Employee e : ctx.company().employeesOf(DepartmentFunction.LIFE_SALES)) {
            boolean forced = moved == 0 && e.id().equals(lastAgent(ctx));
            if (isHead(e) || ctx.workforce().hasLeaveScheduled(e.id()) || !(forced || random.chance(0.003))) {
                continue;
            }
            Department to = random.pick(teams);
            if (to.id().equals(e.departmentId())) {
                to = teams.get((teams.indexOf(to) + 1) % teams.size());
            }
            long at = ctx.timeOn(random.pick(workingDays), 8, 9, random);
            Emitter out = ctx.out();
            String head = ctx.company().employeesOf(to.id()).get(0).id();
            out.emitOrg(EmployeeMoved.newBuilder()
                    .setHeader(out.header(at, e.id(), to.id()))
                    .setEmployeeId(e.id())
                    .setFromDepartmentId(e.departmentId())
                    .setToDepartmentId(to.id())
                    .setPosition(e.position())
                    .setManagerId(head)
                    .setEffectiveDate(ctx.calendar().dayOf(at))
                    .build());
            ctx.workforce().move(e.id(), to.id(), at);
            moved++;
        }
    }

    private static String lastAgent(TenantContext ctx) {
        List<Employee> agents = ctx.company().employeesOf(DepartmentFunction.LIFE_SALES);
        return agents.get(agents.size() - 1).id();
    }

    /** One team renamed early in the period, one team moved to the other sales division half-way. */
    private void restructure(TenantContext ctx) {
        List<Department> teams = ctx.company().teams(DepartmentFunction.LIFE_SALES);
        Emitter out = ctx.out();
        int n = ctx.days().size();
        Department renamed = teams.get(0);
        long renameAt = ctx.millis(ctx.firstDay().plusDays(Math.min(9, n - 1)), 8);
        out.emitOrg(DepartmentRenamed.newBuilder()
                .setHeader(out.departmentHeader(renameAt, renamed.id()))
                .setDepartmentId(renamed.id())
                .setNewName(renamed.name() + " (Elite)")
                .build());
        Department moved = teams.get(teams.size() - 1);
        String otherDivision = teams.stream()
                .map(Department::parentId)
                .filter(p -> !p.equals(moved.parentId()))
                .findFirst()
                .orElse(moved.parentId());
        long moveAt = ctx.millis(ctx.firstDay().plusDays(n / 2), 0);
        out.emitOrg(DepartmentReparented.newBuilder()
                .setHeader(out.departmentHeader(moveAt, moved.id()))
                .setDepartmentId(moved.id())
                .setNewParentDepartmentId(otherDivision)
                .build());
    }

    static boolean isHead(Employee e) {
        return e.managerId() == null
                || e.position().startsWith("Head of")
                || e.position().equals("Division Head");
    }
}
