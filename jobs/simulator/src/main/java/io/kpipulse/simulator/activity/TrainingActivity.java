package io.kpipulse.simulator.activity;

import io.kpipulse.events.hr.TrainingAssessed;
import io.kpipulse.events.hr.TrainingAssigned;
import io.kpipulse.events.hr.TrainingCompleted;
import io.kpipulse.simulator.SimRandom;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Training cycles: on the first working day of the period and of every month in it, 10% of employees are
 * assigned a course (due in 14 days); 88% complete it (≈4 days) and are assessed a day later, ≈90% passing.
 */
final class TrainingActivity implements ActivityGenerator {

    private static final List<String> COURSES =
            List.of("C-COMPLIANCE-2026", "C-PRODUCT-LIFE", "C-ANTI-FRAUD", "C-SERVICE-ETIQUETTE", "C-DATA-PRIVACY");

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        LocalDate previous = null;
        for (LocalDate day : ctx.days()) {
            boolean firstWorkingDayOfMonth =
                    ctx.isWorkingDay(day) && (previous == null || previous.getMonthValue() != day.getMonthValue());
            if (firstWorkingDayOfMonth) {
                previous = day;
                cycle(ctx, random, day);
            }
        }
    }

    private void cycle(TenantContext ctx, SimRandom random, LocalDate day) {
        Emitter out = ctx.out();
        Map<String, List<String>> members = ctx.workforce().membersAt(ctx.millis(day, 0));
        for (List<String> people : members.values()) {
            for (String trainee : people) {
                if (!random.chance(0.10)) {
                    continue;
                }
                String id = ctx.nextId("tr");
                long assigned = ctx.timeOn(day, 9, 11, random);
                if (!out.emit(TrainingAssigned.newBuilder()
                                .setHeader(out.header(assigned, trainee))
                                .setTrainingId(id)
                                .setCourseId(random.pick(COURSES))
                                .setEmployeeId(trainee)
                                .setDueDate(day.plusDays(14))
                                .build())
                        || !random.chance(0.88)) {
                    continue;
                }
                long completed = assigned + TenantContext.hours(random.logNormal(4 * 24, 0.5));
                if (!out.emit(TrainingCompleted.newBuilder()
                        .setHeader(out.header(completed, trainee))
                        .setTrainingId(id)
                        .setEmployeeId(trainee)
                        .build())) {
                    continue;
                }
                long assessed = completed + TenantContext.hours(random.logNormal(24, 0.4));
                boolean passed = random.chance(0.9);
                double score = passed ? random.between(600, 1000) / 10.0 : random.between(200, 599) / 10.0;
                out.emit(TrainingAssessed.newBuilder()
                        .setHeader(out.header(assessed, trainee))
                        .setTrainingId(id)
                        .setEmployeeId(trainee)
                        .setPassed(passed)
                        .setScore(score)
                        .build());
            }
        }
    }
}
