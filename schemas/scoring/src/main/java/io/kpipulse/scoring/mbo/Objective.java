package io.kpipulse.scoring.mbo;

import java.math.BigDecimal;

/**
 * One MBO objective: a weight (the weights of a set add up to 100), an optional parent objective of a
 * department above (the cascade company → department → employee), and how far it is reached: either a key
 * result linked to an indicator (live: the indicator's value against {@code target}) or an attainment in
 * percent entered by the manager (null: not entered yet).
 */
public record Objective(
        String objectiveId,
        String title,
        BigDecimal weight,
        String parentObjectiveId,
        KeyResult keyResult,
        BigDecimal attainment) {

    /** A key result read from an indicator: attainment = value / target (lower is better: target / value). */
    public record KeyResult(String indicatorId, BigDecimal target) {}
}
