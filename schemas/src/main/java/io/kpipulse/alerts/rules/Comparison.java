package io.kpipulse.alerts.rules;

import java.math.BigDecimal;

/** Which side of the line is the problem. A value exactly at the line is never a breach. */
public enum Comparison {
    ABOVE,
    BELOW;

    /** Whether {@code measured} is on the problem side of {@code line}. */
    public boolean breaches(BigDecimal measured, BigDecimal line) {
        int c = measured.compareTo(line);
        return this == ABOVE ? c > 0 : c < 0;
    }

    /** Whether {@code measured} is clearly back on the good side of {@code resolveLine}. */
    public boolean recovered(BigDecimal measured, BigDecimal resolveLine) {
        int c = measured.compareTo(resolveLine);
        return this == ABOVE ? c < 0 : c > 0;
    }
}
