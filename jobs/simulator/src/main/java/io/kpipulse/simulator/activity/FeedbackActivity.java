package io.kpipulse.simulator.activity;

import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.feedback.RaterRelationship;
import io.kpipulse.events.feedback.Review360Answered;
import io.kpipulse.events.feedback.SupportSurveyAnswered;
import io.kpipulse.events.feedback.SurveyAnswer;
import io.kpipulse.simulator.SimRandom;
import io.kpipulse.simulator.company.SupportLink;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Feedback: anonymous support-satisfaction surveys on the last day of every month (business departments rate
 * the support departments serving them), 360° reviews in the middle of the period, and manager ratings of
 * every employee on the period's last day.
 */
final class FeedbackActivity implements ActivityGenerator {

    @Override
    public void generate(TenantContext ctx, SimRandom random) {
        for (LocalDate day : ctx.monthEnds()) {
            surveys(ctx, random, day);
        }
        reviews360(ctx, random, ctx.firstDay().plusDays(Math.min(14, ctx.days().size() - 1)));
        ratings(ctx, random, ctx.lastDay());
    }

    private void surveys(TenantContext ctx, SimRandom random, LocalDate day) {
        Emitter out = ctx.out();
        for (SupportLink link : ctx.company().supportLinks()) {
            for (int i = random.between(3, 6); i > 0; i--) {
                long t = ctx.timeOn(day, 10, 16, random);
                double u = random.uniform();
                SurveyAnswer answer = u < 0.6
                        ? SurveyAnswer.SATISFIED
                        : u < 0.85 ? SurveyAnswer.NEUTRAL : u < 0.97 ? SurveyAnswer.UNSATISFIED : SurveyAnswer.UNKNOWN;
                out.emit(SupportSurveyAnswered.newBuilder()
                        .setHeader(out.departmentHeader(t, link.supportDepartmentId()))
                        .setSurveyId(ctx.nextId("sv"))
                        .setRespondentId(null)
                        .setRatingDepartmentId(link.businessDepartmentId())
                        .setRatedDepartmentId(link.supportDepartmentId())
                        .setAnswer(answer)
                        .setPeriodMonth(YearMonth.from(day).toString())
                        .build());
            }
        }
    }

    private void reviews360(TenantContext ctx, SimRandom random, LocalDate day) {
        Emitter out = ctx.out();
        Map<String, List<String>> members = ctx.workforce().membersAt(ctx.millis(day, 0));
        List<RaterRelationship> raters =
                List.of(RaterRelationship.MANAGER, RaterRelationship.PEER, RaterRelationship.REPORT);
        for (List<String> people : members.values()) {
            for (String reviewee : people) {
                if (!random.chance(0.04)) {
                    continue;
                }
                for (RaterRelationship rater : raters) {
                    long t = ctx.timeOn(day, 9, 18, random);
                    Map<String, Double> scores = new TreeMap<>();
                    scores.put("communication", (double) random.between(1, 5));
                    scores.put("delivery", (double) random.between(2, 5));
                    scores.put("teamwork", (double) random.between(2, 5));
                    out.emit(Review360Answered.newBuilder()
                            .setHeader(out.header(t, reviewee))
                            .setReviewId(ctx.nextId("rv"))
                            .setRevieweeId(reviewee)
                            .setRaterRelationship(rater)
                            .setCompetencyScores(scores)
                            .setAnonymous(true)
                            .setPeriodMonth(YearMonth.from(day).toString())
                            .build());
                }
            }
        }
    }

    private void ratings(TenantContext ctx, SimRandom random, LocalDate day) {
        Emitter out = ctx.out();
        Map<String, List<String>> members = ctx.workforce().membersAt(ctx.millis(day, 14));
        for (List<String> people : members.values()) {
            for (String employee : people) {
                String manager = ctx.workforce().employee(employee).managerId();
                long t = ctx.timeOn(day, 14, 17, random);
                if (manager == null || !ctx.workforce().isActive(manager, t)) {
                    continue;
                }
                double rating = Math.max(40, Math.min(100, Math.round((82 + 8 * random.gaussian()) * 10) / 10.0));
                out.emit(ManagerRated.newBuilder()
                        .setHeader(out.header(t, employee))
                        .setEmployeeId(employee)
                        .setManagerId(manager)
                        .setPeriod(YearMonth.from(day).toString())
                        .setRating(rating)
                        .setComment(null)
                        .build());
            }
        }
    }
}
