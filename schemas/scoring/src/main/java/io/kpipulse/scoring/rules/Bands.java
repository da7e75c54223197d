package io.kpipulse.scoring.rules;

import java.util.List;
import java.util.Optional;

/**
 * Bands that cover the whole number line exactly once: ascending, the first without a lower bound, the last
 * without an upper one, each band's upper bound equal to the next one's lower bound with exactly one of the
 * two inclusive. So every value falls in exactly one band; {@link #validate} refuses gaps and overlaps.
 */
public record Bands(List<Band> bands) {

    public Bands {
        bands = List.copyOf(bands);
    }

    /** The band of {@code value}; always present once validated. */
    public Optional<Band> find(java.math.BigDecimal value) {
        return bands.stream().filter(b -> b.contains(value)).findFirst();
    }

    /** Throws naming {@code field}{@code [i].lower/upper} and the broken rule. */
    public void validate(String field) {
        if (bands.isEmpty()) {
            throw new DefinitionException(field, "needs at least one band");
        }
        if (bands.get(0).lower() != null) {
            throw new DefinitionException(field + "[0].lower", "the first band must have no lower bound (gap below)");
        }
        int last = bands.size() - 1;
        if (bands.get(last).upper() != null) {
            throw new DefinitionException(
                    field + "[" + last + "].upper", "the last band must have no upper bound (gap above)");
        }
        for (int i = 0; i < bands.size(); i++) {
            Band b = bands.get(i);
            if (b.result() == null) {
                throw new DefinitionException(field + "[" + i + "]", "needs a result");
            }
            if (i > 0 && b.lower() == null) {
                throw new DefinitionException(field + "[" + i + "].lower", "only the first band may be open below");
            }
            if (i < last && b.upper() == null) {
                throw new DefinitionException(field + "[" + i + "].upper", "only the last band may be open above");
            }
            if (b.lower() != null && b.upper() != null) {
                int c = b.lower().compareTo(b.upper());
                if (c > 0 || c == 0 && !(b.lowerInclusive() && b.upperInclusive())) {
                    throw new DefinitionException(field + "[" + i + "]", "lower bound must be below the upper bound");
                }
            }
            if (i < last) {
                Band next = bands.get(i + 1);
                int c = b.upper().compareTo(next.lower());
                String at = field + "[" + (i + 1) + "].lower";
                if (c < 0) {
                    throw new DefinitionException(at, "gap between " + b.describe() + " and " + next.describe());
                }
                if (c > 0) {
                    throw new DefinitionException(at, "overlap between " + b.describe() + " and " + next.describe());
                }
                if (b.upperInclusive() && next.lowerInclusive()) {
                    throw new DefinitionException(
                            at, "overlap at " + ScoringMath.plain(next.lower()) + ": both bands include it");
                }
                if (!b.upperInclusive() && !next.lowerInclusive()) {
                    throw new DefinitionException(
                            at, "gap at " + ScoringMath.plain(next.lower()) + ": neither band includes it");
                }
            }
        }
    }
}
