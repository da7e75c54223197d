package io.kpipulse.alerts.rules;

import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import java.math.BigDecimal;

/**
 * Checks a rule against itself and the catalog in force. The API refuses what this refuses before it
 * publishes a rule, so the job only ever sees rules that passed it.
 */
public final class AlertRuleValidator {

    private AlertRuleValidator() {}

    public static AlertRule requireValid(AlertRule rule, IndicatorCatalog catalog) {
        require(!blank(rule.tenantId()), "tenantId", "is required");
        require(
                !blank(rule.ruleId()) && rule.ruleId().matches("[A-Za-z0-9_.-]{1,64}"),
                "id",
                "must be 1-64 of A-Z a-z 0-9 _ . -");
        require(!blank(rule.name()), "name", "is required");
        require(!blank(rule.departmentId()), "departmentId", "is required (the root of the watched subtree)");
        require(rule.severity() != null, "severity", "is required (INFO, WARNING or CRITICAL)");
        require(rule.grouping() != null, "grouping", "is required (SUBJECT or DEPARTMENT)");
        require(rule.pendingMillis() >= 0, "pendingFor", "must not be negative");
        require(rule.keepFiringMillis() >= 0, "keepFiringFor", "must not be negative");
        IndicatorDefinition indicator = catalog.find(rule.indicatorId())
                .orElseThrow(
                        () -> new AlertRuleException("indicatorId", "unknown indicator '" + rule.indicatorId() + "'"));
        require(rule.windowType() != null, "windowType", "is required");
        require(
                !rule.windowType().isRolling(),
                "windowType",
                "rolling windows are assembled at read time and never arrive as updates; use DAY, WEEK,"
                        + " MONTH_TO_DATE, QUARTER_TO_DATE or YEAR_TO_DATE");
        require(
                indicator.windows().contains(rule.windowType()),
                "windowType",
                indicator.id() + " has no " + rule.windowType() + " window");
        require(
                rule.subjectType() == SubjectType.EMPLOYEE || rule.subjectType() == SubjectType.DEPARTMENT,
                "subjectType",
                "must be EMPLOYEE or DEPARTMENT");
        require(
                indicator.subjects().contains(rule.subjectType()),
                "subjectType",
                indicator.id() + " is not computed per " + rule.subjectType());
        validateCondition(rule.condition(), indicator);
        return rule;
    }

    private static void validateCondition(AlertCondition c, IndicatorDefinition indicator) {
        require(c != null && c.measure() != null, "condition.measure", "is required");
        require(
                c.consecutiveWindows() >= 1 && c.consecutiveWindows() <= 366,
                "condition.consecutiveWindows",
                "must be 1-366");
        if (c.measure() == Measure.NO_DATA) {
            require(c.noDataMillis() > 0, "condition.noDataFor", "is required and positive for NO_DATA");
            require(c.consecutiveWindows() == 1, "condition.consecutiveWindows", "does not apply to NO_DATA");
            return;
        }
        require(c.comparison() != null, "condition.comparison", "is required (ABOVE or BELOW)");
        if (c.againstTarget()) {
            require(c.measure() == Measure.VALUE, "condition.againstTarget", "applies to measure VALUE only");
            require(c.threshold() == null, "condition.threshold", "must be absent when the line is the target");
            require(!indicator.targets().isEmpty(), "condition.againstTarget", indicator.id() + " has no targets");
        } else {
            require(c.threshold() != null, "condition.threshold", "is required");
        }
        if (c.measure() == Measure.ATTAINMENT_PERCENT) {
            require(
                    !indicator.targets().isEmpty(),
                    "condition.measure",
                    indicator.id() + " has no targets, so no attainment");
        }
        if (c.resolveThreshold() != null) {
            require(!c.againstTarget(), "condition.resolveThreshold", "is not supported against the target");
            BigDecimal firing = c.threshold();
            boolean sensible = c.comparison() == Comparison.ABOVE
                    ? c.resolveThreshold().compareTo(firing) <= 0
                    : c.resolveThreshold().compareTo(firing) >= 0;
            require(
                    sensible,
                    "condition.resolveThreshold",
                    "must be on the good side of the threshold (" + (c.comparison() == Comparison.ABOVE ? "≤ " : "≥ ")
                            + firing.toPlainString() + ")");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static void require(boolean ok, String field, String message) {
        if (!ok) {
            throw new AlertRuleException(field, message);
        }
    }
}
