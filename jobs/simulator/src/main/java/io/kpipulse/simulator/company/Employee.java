package io.kpipulse.simulator.company;

import java.math.BigDecimal;
import java.time.LocalDate;

/** An employee of the initial company (or a new hire): where they work, for whom, and their monthly base pay. */
public record Employee(
        String id,
        String name,
        String departmentId,
        String position,
        String managerId,
        LocalDate hireDate,
        BigDecimal basePay) {}
