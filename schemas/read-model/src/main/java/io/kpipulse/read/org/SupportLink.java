package io.kpipulse.read.org;

/** A support department serving a business department as of a day. */
public record SupportLink(String supportDepartmentId, String businessDepartmentId) {}
