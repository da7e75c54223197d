package io.kpipulse.scoring.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** One stored version of a definition: in force from {@code effectiveFrom}, saved by whom and when. */
public record Versioned<T>(T value, LocalDate effectiveFrom, long version, String savedBy, Instant savedAt) {

    /**
     * The version a period starting on {@code periodStart} uses, among {@code versions} (one definition's
     * versions, all in force on or before the period's as-of day): the newest in force on the period's
     * first day; when the definition did not exist yet then, its first version within the period. So a
     * change made mid-period applies from the next period, and the period already scored keeps its rules.
     */
    public static <T> Optional<Versioned<T>> forPeriod(List<Versioned<T>> versions, LocalDate periodStart) {
        Versioned<T> atStart = null;
        Versioned<T> firstInPeriod = null;
        for (Versioned<T> v : versions) {
            if (!v.effectiveFrom().isAfter(periodStart)) {
                if (atStart == null || newer(v, atStart)) {
                    atStart = v;
                }
            } else if (firstInPeriod == null
                    || v.effectiveFrom().isBefore(firstInPeriod.effectiveFrom())
                    || v.effectiveFrom().equals(firstInPeriod.effectiveFrom())
                            && v.version() > firstInPeriod.version()) {
                firstInPeriod = v;
            }
        }
        return Optional.ofNullable(atStart != null ? atStart : firstInPeriod);
    }

    private static boolean newer(Versioned<?> a, Versioned<?> b) {
        int c = a.effectiveFrom().compareTo(b.effectiveFrom());
        return c > 0 || c == 0 && a.version() > b.version();
    }
}
