package io.kpipulse.scoring.bonus;

import io.kpipulse.catalog.Direction;
import io.kpipulse.scoring.rules.Band;
import io.kpipulse.scoring.rules.Bands;
import io.kpipulse.scoring.rules.DefinitionException;
import io.kpipulse.scoring.rules.ScoringMath;
import java.math.BigDecimal;

/**
 * One part of a bonus plan; each turns one indicator value into a multiplier of the performance pay.
 * A component whose value is missing (nothing counted, zero denominator) applies a multiplier of 1 with
 * status NO_DATA: a missing figure neither rewards nor punishes, and is flagged before close.
 */
public sealed interface BonusComponent {

    String name();

    String indicatorId();

    SubjectRef subject();

    /** The multiplier for {@code value} and why. */
    AppliedMultiplier apply(BigDecimal value);

    void validate(String field);

    /** Multiplier tiers on a value, bounds explicit: payment time ≤ 1 day → 1.20, (1, 2] → 1.00, > 2 → 0.80. */
    record Tiers(String name, String indicatorId, SubjectRef subject, Bands tiers) implements BonusComponent {
        @Override
        public AppliedMultiplier apply(BigDecimal value) {
            Band band = tiers.find(value).orElseThrow(() -> new IllegalStateException("tiers were not validated"));
            return AppliedMultiplier.of(
                    this,
                    value,
                    band.result(),
                    ScoringMath.plain(value) + " is in " + band.describe() + " → × "
                            + ScoringMath.plain(band.result()));
        }

        @Override
        public void validate(String field) {
            BonusComponent.common(this, field);
            if (tiers == null) {
                throw new DefinitionException(field + ".tiers", "is required");
            }
            tiers.validate(field + ".tiers");
            for (int i = 0; i < tiers.bands().size(); i++) {
                BonusComponent.multiplier(
                        field + ".tiers[" + i + "].multiplier",
                        tiers.bands().get(i).result());
            }
        }
    }

    /**
     * A condition on an indicator (often another department's): met → {@code metMultiplier} (default 1),
     * missed → {@code missedMultiplier}. Claims cycle time ≤ 2 days missed → finance × 0.90.
     */
    record Condition(
            String name,
            String indicatorId,
            SubjectRef subject,
            Comparison comparison,
            BigDecimal threshold,
            BigDecimal metMultiplier,
            BigDecimal missedMultiplier)
            implements BonusComponent {

        public Condition {
            metMultiplier = metMultiplier == null ? BigDecimal.ONE : metMultiplier;
        }

        @Override
        public AppliedMultiplier apply(BigDecimal value) {
            boolean met = comparison.holds(value, threshold);
            BigDecimal m = met ? metMultiplier : missedMultiplier;
            return AppliedMultiplier.of(
                    this,
                    value,
                    m,
                    ScoringMath.plain(value) + " " + comparison.symbol() + " " + ScoringMath.plain(threshold) + ": "
                            + (met ? "met" : "missed") + " → × " + ScoringMath.plain(m));
        }

        @Override
        public void validate(String field) {
            BonusComponent.common(this, field);
            if (comparison == null) {
                throw new DefinitionException(field + ".comparison", "is required: LT, LE, GE or GT");
            }
            if (threshold == null) {
                throw new DefinitionException(field + ".threshold", "is required");
            }
            BonusComponent.multiplier(field + ".metMultiplier", metMultiplier);
            BonusComponent.multiplier(field + ".missedMultiplier", missedMultiplier);
        }
    }

    /**
     * A share of the pay tied to a result (often another department's): {@code share} of it follows the
     * result's attainment (value / target, or target / value when lower is better, between 0 and
     * {@code cap}), the rest stays: multiplier = (1 − share) + share × attainment. 30% of HR's bonus on
     * sales new-hire attainment at 80% → 0.70 + 0.30 × 0.80 = 0.94.
     */
    record Share(
            String name,
            String indicatorId,
            SubjectRef subject,
            BigDecimal share,
            BigDecimal target,
            Direction direction,
            BigDecimal cap)
            implements BonusComponent {

        public Share {
            direction = direction == null ? Direction.HIGHER_IS_BETTER : direction;
            cap = cap == null ? BigDecimal.ONE : cap;
        }

        @Override
        public AppliedMultiplier apply(BigDecimal value) {
            BigDecimal attainment;
            if (direction == Direction.HIGHER_IS_BETTER) {
                attainment = ScoringMath.divide(value, target);
            } else {
                attainment = value.signum() <= 0 ? cap : ScoringMath.divide(target, value);
            }
            attainment = ScoringMath.clamp(attainment, BigDecimal.ZERO, cap);
            BigDecimal m = BigDecimal.ONE.subtract(share).add(share.multiply(attainment));
            return AppliedMultiplier.of(
                    this,
                    value,
                    m,
                    ScoringMath.plain(share) + " of the pay on attainment "
                            + ScoringMath.plain(attainment.setScale(6, java.math.RoundingMode.HALF_EVEN))
                            + " (value " + ScoringMath.plain(value) + ", target " + ScoringMath.plain(target)
                            + ") → × " + ScoringMath.plain(m.setScale(6, java.math.RoundingMode.HALF_EVEN)));
        }

        @Override
        public void validate(String field) {
            BonusComponent.common(this, field);
            if (share == null || share.signum() <= 0 || share.compareTo(BigDecimal.ONE) > 0) {
                throw new DefinitionException(field + ".share", "must be above 0 and at most 1");
            }
            if (target == null || target.signum() <= 0) {
                throw new DefinitionException(field + ".target", "must be above 0");
            }
            if (cap.signum() <= 0) {
                throw new DefinitionException(field + ".cap", "must be above 0");
            }
        }
    }

    /** How a condition compares the value with its threshold. */
    enum Comparison {
        LT("<"),
        LE("≤"),
        GE("≥"),
        GT(">");

        private final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        public boolean holds(BigDecimal value, BigDecimal threshold) {
            int c = value.compareTo(threshold);
            return switch (this) {
                case LT -> c < 0;
                case LE -> c <= 0;
                case GE -> c >= 0;
                case GT -> c > 0;
            };
        }
    }

    private static void common(BonusComponent c, String field) {
        if (c.name() == null || c.name().isBlank() || c.name().length() > 200) {
            throw new DefinitionException(field + ".name", "is required (at most 200 characters)");
        }
        if (c.indicatorId() == null || c.indicatorId().isBlank()) {
            throw new DefinitionException(field + ".indicator", "is required");
        }
        if (c.subject() == null || c.subject().kind() == null) {
            throw new DefinitionException(field + ".subject", "is required: SELF, OWN_DEPARTMENT or DEPARTMENT");
        }
        if (c.subject().kind() == SubjectRef.Kind.DEPARTMENT
                && (c.subject().departmentId() == null
                        || c.subject().departmentId().isBlank())) {
            throw new DefinitionException(field + ".departmentId", "is required for subject DEPARTMENT");
        }
    }

    private static void multiplier(String field, BigDecimal m) {
        if (m == null || m.signum() < 0 || m.compareTo(BigDecimal.TEN) > 0) {
            throw new DefinitionException(field, "must be between 0 and 10");
        }
    }
}
