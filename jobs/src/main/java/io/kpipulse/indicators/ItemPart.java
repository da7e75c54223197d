package io.kpipulse.indicators;

/** Which part of an indicator's computation an item feeds. */
public enum ItemPart {
    /** A measured value: counted, summed, averaged, min/max, last, distinct. */
    VALUE,
    /** The numerator side of a ratio, or the system side of a self-report comparison. */
    NUMERATOR,
    /** The denominator side of a ratio. */
    DENOMINATOR,
    /** One matched duration (paired events); {@code flag} says whether it is within the limit. */
    DURATION,
    /** One decided outcome (share condition met, retained); {@code flag} says which. */
    OUTCOME,
    /** A self-reported claim, compared against the system side. */
    CLAIM,
    /**
     * A VALUE item taken back: an interval join counted a measured event before a bound that arrived later
     * showed it outside every interval (or inside an earlier one). Subtracts what the VALUE item added.
     */
    WITHDRAWN
}
