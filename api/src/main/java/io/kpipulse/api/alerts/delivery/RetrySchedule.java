package io.kpipulse.api.alerts.delivery;

import java.time.Duration;

/**
 * Exponential back-off: attempt n (1-based) waits {@code initial × 2^(n-1)} before the next, capped at
 * {@code max}; after {@code attempts} failed attempts the delivery is FAILED.
 */
public record RetrySchedule(int attempts, Duration initial, Duration max) {

    public RetrySchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    public Duration delayAfter(int attempt) {
        long millis = initial.toMillis() << Math.min(attempt - 1, 30);
        return Duration.ofMillis(Math.min(millis, max.toMillis()));
    }
}
