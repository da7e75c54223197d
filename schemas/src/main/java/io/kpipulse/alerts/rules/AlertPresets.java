package io.kpipulse.alerts.rules;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import java.util.List;
import java.util.Optional;

/**
 * The alerts the seed documents ask for, ready to be instantiated for a subtree through the API (a
 * preset is a template: it watches nothing until someone creates a rule from it).
 */
public final class AlertPresets {

    private AlertPresets() {}

    /** A preset: a rule without tenant, id, subtree and owner. */
    public record Preset(String id, String description, AlertRule template) {}

    private static final List<Preset> ALL = List.of(
            preset(
                    "claim-payment-time-over-1-day",
                    "Median claim payment time above 1 day (24 h); resolves under 20 h",
                    "claim_payment_time_median",
                    SubjectType.DEPARTMENT,
                    AlertCondition.above("24").resolvingAt("20"),
                    Severity.CRITICAL,
                    Grouping.SUBJECT),
            preset(
                    "claim-cycle-time-over-2-days",
                    "Average claim cycle time above 2 days; resolves under 1.8 days",
                    "claim_cycle_time_avg",
                    SubjectType.DEPARTMENT,
                    AlertCondition.above("2").resolvingAt("1.8"),
                    Severity.CRITICAL,
                    Grouping.SUBJECT),
            preset(
                    "onboarding-rate-under-90",
                    "Onboarding rate below 90%; resolves at 92%",
                    "onboarding_rate",
                    SubjectType.DEPARTMENT,
                    AlertCondition.below("0.90").resolvingAt("0.92"),
                    Severity.WARNING,
                    Grouping.SUBJECT),
            preset(
                    "training-pass-rate-under-90",
                    "Training pass rate below 90%, grouped per department; resolves at 92%",
                    "training_pass_rate",
                    SubjectType.EMPLOYEE,
                    AlertCondition.below("0.90").resolvingAt("0.92"),
                    Severity.WARNING,
                    Grouping.DEPARTMENT),
            preset(
                    "support-satisfaction-falling",
                    "Support satisfaction 5% or more below the previous month",
                    "support_satisfaction_score",
                    SubjectType.DEPARTMENT,
                    new AlertCondition(
                            Measure.CHANGE_PERCENT,
                            Comparison.BELOW,
                            new java.math.BigDecimal("-5"),
                            false,
                            null,
                            1,
                            0),
                    Severity.WARNING,
                    Grouping.SUBJECT),
            preset(
                    "ticket-first-response-over-target",
                    "Average ticket first response above its target, per department",
                    "ticket_first_response_avg",
                    SubjectType.EMPLOYEE,
                    AlertCondition.againstTarget(Comparison.ABOVE),
                    Severity.WARNING,
                    Grouping.DEPARTMENT),
            preset(
                    // The template library gives task_timeliness no target, so "below target" needs a line of its
                    // own: 90%; a tenant that configures a target can switch the rule to againstTarget.
                    "task-timeliness-below-target",
                    "Task timeliness below 90% (the library sets no target for it), per department",
                    "task_timeliness",
                    SubjectType.EMPLOYEE,
                    AlertCondition.below("0.90"),
                    Severity.WARNING,
                    Grouping.DEPARTMENT));

    public static List<Preset> all() {
        return ALL;
    }

    public static Optional<Preset> find(String id) {
        return ALL.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    private static Preset preset(
            String id,
            String description,
            String indicator,
            SubjectType subjects,
            AlertCondition condition,
            Severity severity,
            Grouping grouping) {
        return new Preset(
                id,
                description,
                new AlertRule(
                        null,
                        null,
                        0,
                        description,
                        indicator,
                        WindowType.MONTH_TO_DATE,
                        subjects,
                        null,
                        condition,
                        severity,
                        0,
                        0,
                        grouping,
                        null,
                        true));
    }
}
