package io.kpipulse.catalog;

/**
 * Whom a value describes.
 *
 * <ul>
 *   <li>{@link #EMPLOYEE}: the employee an item is attributed to.</li>
 *   <li>{@link #DEPARTMENT}: a department and its whole subtree of the org tree, computed from the
 *       items themselves (a ratio of sums, a median of all durations), never as an average of the
 *       children's values.</li>
 *   <li>{@link #SERVED_DEPARTMENT}: for linked indicators, the business department whose outcome a
 *       support department's work belongs to (finance's payment time, seen from the claims side). Kept
 *       apart from {@link #DEPARTMENT} so a company-level roll-up never counts one item twice.</li>
 * </ul>
 */
public enum SubjectType {
    EMPLOYEE,
    DEPARTMENT,
    SERVED_DEPARTMENT
}
