package io.kpipulse.simulator.activity;

import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.tasks.TaskAssigned;
import io.kpipulse.events.tasks.TaskCompleted;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.Department;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Back-office and product work as tasks: assigned by the manager with an expected quantity and a deadline
 * (1–3 days); 95% completed, mostly on time, with errors found in review (≈0.4% of units).
 */
final class TaskActivity implements ActivityGenerator {

    private static final List<DepartmentFunction> FUNCTIONS = List.of(
            DepartmentFunction.PRODUCT,
            DepartmentFunction.FINANCE,
            DepartmentFunction.HR,
            DepartmentFunction.IT,
            DepartmentFunction.ADMIN,
            DepartmentFunction.OPERATIONS);

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        List<Department> teams = new ArrayList<>();
        FUNCTIONS.forEach(f -> teams.addAll(ctx.company().teams(f)));
        for (LocalDate day : ctx.days()) {
            if (!ctx.isWorkingDay(day)) {
                continue;
            }
            for (Department team : teams) {
                for (String assignee : ctx.workforce().membersOf(team.id(), ctx.millis(day, 0))) {
                    String assigner = ctx.workforce().employee(assignee).managerId();
                    if (assigner == null) {
                        continue;
                    }
                    for (int i = random.poisson(0.4); i > 0; i--) {
                        task(ctx, random, day, assignee, assigner);
                    }
                }
            }
        }
    }

    private void task(TenantContext ctx, SimRandom random, LocalDate day, String assignee, String assigner) {
        Emitter out = ctx.out();
        String id = ctx.nextId("task");
        long assigned = ctx.timeOn(day, 9, 11, random);
        long allowed = TenantContext.hours(24L * random.between(1, 3));
        int expected = random.between(5, 40);
        if (!out.emit(TaskAssigned.newBuilder()
                        .setHeader(out.header(assigned, assignee))
                        .setTaskId(id)
                        .setAssigneeId(assignee)
                        .setAssignerId(assigner)
                        .setQuantityExpected(expected)
                        .setDueTime(Instant.ofEpochMilli(assigned + allowed))
                        .build())
                || !random.chance(0.95)) {
            return;
        }
        long completed = assigned + Math.round(allowed * random.logNormal(0.7, 0.35));
        int done = Math.max(0, expected + random.between(-expected / 10, expected / 10));
        out.emit(TaskCompleted.newBuilder()
                .setHeader(out.header(completed, assignee))
                .setTaskId(id)
                .setAssigneeId(assignee)
                .setQuantityDone(done)
                .setCompletionTime(Instant.ofEpochMilli(completed))
                .setErrorsFound(random.poisson(done * 0.004))
                .build());
    }
}
