package io.kpipulse.simulator.company;

import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentType;

/** A department as created at the start of the simulation; {@code parentId} is null for the company root. */
public record Department(String id, String name, String parentId, DepartmentType type, DepartmentFunction function) {}
