package io.kpipulse.api.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.scoring.EmployeeResult;
import io.kpipulse.scoring.calibration.Distribution;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The shapes of the scoring routes' answers (decimals become strings, see {@link ScoringJson}). */
final class ScoringViews {

    private ScoringViews() {}

    /** A stored definition version and its JSON form. */
    record VersionView(
            String id, LocalDate effectiveFrom, long version, String savedBy, Instant savedAt, JsonNode definition) {}

    record VersionsView(String tenant, LocalDate date, List<VersionView> versions) {}

    record AssignmentView(
            String templateId,
            String targetType,
            List<String> targetIds,
            LocalDate effectiveFrom,
            long version,
            int employeesCovered) {}

    record RatingView(
            String employeeId, String period, BigDecimal points, BigDecimal outOf, String ratedBy, Instant ratedAt) {}

    /** One employee's scored scorecard with their name (personal data, never logged). */
    record EmployeeScoreView(String tenant, String name, EmployeeResult result) {}

    record ScoreRow(String name, EmployeeResult result) {}

    record DepartmentScoresView(
            String tenant,
            String departmentId,
            String period,
            LocalDate asOf,
            List<ScoreRow> employees,
            Distribution distribution) {}

    record BonusRow(
            String employeeId,
            String name,
            String status,
            BigDecimal basePay,
            BigDecimal composite,
            BigDecimal multiplier,
            BigDecimal performancePay,
            List<io.kpipulse.scoring.bonus.AppliedMultiplier> multipliers) {}

    /**
     * @param totalPerformancePay the sum of the employees' rounded pay (what the payroll pays), of those with one
     */
    record DepartmentBonusView(
            String tenant,
            String departmentId,
            String period,
            LocalDate asOf,
            List<BonusRow> employees,
            BigDecimal totalBasePay,
            BigDecimal totalPerformancePay,
            int withoutPay) {}
}
