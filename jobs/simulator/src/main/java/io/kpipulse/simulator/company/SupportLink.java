package io.kpipulse.simulator.company;

/** A support department serving a business department (finance → claims, HR → sales, ...). */
public record SupportLink(String supportDepartmentId, String businessDepartmentId) {}
