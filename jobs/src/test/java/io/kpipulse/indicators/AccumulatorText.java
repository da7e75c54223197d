package io.kpipulse.indicators;

import java.util.List;

/** Every field of a window accumulator as text, for tests that compare two accumulators field by field. */
final class AccumulatorText {

    private AccumulatorText() {}

    static String of(WindowAccumulator a) {
        // toString of BigDecimal keeps the scale: 0.000 and 0 differ here as they do in a row.
        return List.of(
                        a.items,
                        a.parts,
                        String.valueOf(a.sum),
                        String.valueOf(a.numerator),
                        String.valueOf(a.denominator),
                        String.valueOf(a.claimed),
                        a.outcomes,
                        a.flagged,
                        a.durations,
                        a.durationSumMillis,
                        String.valueOf(a.durationSamples),
                        String.valueOf(a.min),
                        String.valueOf(a.max),
                        a.lastTime,
                        String.valueOf(a.lastEventId),
                        String.valueOf(a.lastValue),
                        String.valueOf(a.distinct),
                        a.lastEventTime,
                        a.unpublished)
                .toString();
    }
}
