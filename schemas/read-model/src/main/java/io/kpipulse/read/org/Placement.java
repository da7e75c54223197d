package io.kpipulse.read.org;

/**
 * Where an employee works as of a day.
 *
 * @param managerId the direct manager, null when none
 */
public record Placement(String employeeId, String departmentId, String position, String managerId) {}
