package io.kpipulse.simulator.truth;

import java.math.BigDecimal;

/**
 * One unit an aggregation counts (catalog README, "Items"): placed at {@code time}, attributed to an optional
 * employee and a department, optionally serving a business department, carrying its number.
 *
 * @param value   the item's number: 1 for counts, the field for sums, the duration in ms, the claimed count
 * @param other   the distinct value (DISTINCT_COUNT) or the event id (LAST tie-break)
 * @param period  for self-report claims: the reported period ({@code yyyy-MM} / {@code yyyy-Qn})
 */
record Item(
        Role role,
        long time,
        String employeeId,
        String departmentId,
        String servedDepartmentId,
        BigDecimal value,
        String other,
        String period) {

    enum Role {
        /** A measure's item, the system side of a self-report, a follow-up value. */
        MEASURE,
        NUMERATOR,
        DENOMINATOR,
        /** A share's item meeting the condition / a retained anchor. */
        MET,
        UNMET,
        DURATION,
        /** A self-reported claim. */
        CLAIM
    }
}
