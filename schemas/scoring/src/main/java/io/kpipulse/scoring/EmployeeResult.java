package io.kpipulse.scoring;

import io.kpipulse.scoring.bonus.Pay;
import io.kpipulse.scoring.card.ScoredCard;
import java.time.LocalDate;

/**
 * One employee's scores and pay for a period, as of a day: which template version scored them, every item,
 * system / manager / composite points, rating, multipliers, base pay and performance pay.
 *
 * @param status SCORED, or NO_SCORECARD (no template assigned, or the template has no version yet: card and
 *     pay are null)
 * @param templateEffectiveFrom and {@code templateVersion} name the stored version used
 * @param bonusPlanDepartment the department whose bonus plan applied, null when none
 */
public record EmployeeResult(
        String employeeId,
        String departmentId,
        String position,
        String period,
        LocalDate asOf,
        String status,
        String templateId,
        LocalDate templateEffectiveFrom,
        Long templateVersion,
        ScoredCard card,
        String bonusPlanDepartment,
        Pay pay) {

    public static final String SCORED = "SCORED";
    public static final String NO_SCORECARD = "NO_SCORECARD";
}
