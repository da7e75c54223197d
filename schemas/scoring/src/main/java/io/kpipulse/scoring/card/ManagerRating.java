package io.kpipulse.scoring.card;

import io.kpipulse.scoring.rules.DefinitionException;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * A manager's rating of an employee for a period: {@code points} out of {@code outOf} (25 of 30 in the
 * seed's example; 0–100 by default). It earns {@code points / outOf} of the scorecard's manager share.
 */
public record ManagerRating(
        String employeeId, String period, BigDecimal points, BigDecimal outOf, String ratedBy, Instant ratedAt) {

    public static final BigDecimal DEFAULT_OUT_OF = BigDecimal.valueOf(100);

    public ManagerRating {
        outOf = outOf == null ? DEFAULT_OUT_OF : outOf;
    }

    public void validate() {
        if (points == null) {
            throw new DefinitionException("points", "is required");
        }
        if (outOf.signum() <= 0) {
            throw new DefinitionException("outOf", "must be above 0");
        }
        if (points.signum() < 0 || points.compareTo(outOf) > 0) {
            throw new DefinitionException("points", "must be between 0 and outOf (" + outOf.toPlainString() + ")");
        }
        if (points.scale() > 2) {
            throw new DefinitionException("points", "at most 2 decimals");
        }
    }
}
