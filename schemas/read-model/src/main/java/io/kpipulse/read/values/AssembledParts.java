package io.kpipulse.read.values;

import io.kpipulse.catalog.WindowBounds;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * The day rows of one rolling instance of one subject, summed: what {@link RollingAssembly} makes a value
 * of. {@code parts} is the sum of the day rows' version parts (items folded in).
 *
 * @param departmentPath the subject's department path on its newest day row (nearest first)
 */
record AssembledParts(
        String indicatorId,
        String subjectId,
        WindowBounds instance,
        BigDecimal numerator,
        BigDecimal denominator,
        BigDecimal min,
        BigDecimal max,
        long eventCount,
        Instant lastEventTime,
        long catalogVersion,
        long parts,
        List<String> departmentPath) {}
