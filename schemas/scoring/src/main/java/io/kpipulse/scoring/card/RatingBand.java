package io.kpipulse.scoring.card;

import java.math.BigDecimal;

/** A rating given to composites of at least {@code minScore} (and below the next higher band's). */
public record RatingBand(String name, BigDecimal minScore) {}
