package io.kpipulse.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * How often a batch that failed with a retriable error is sent again, and how long to wait in between:
 * exponential back-off from {@code initialBackoff}, doubling up to {@code maxBackoff}. Bounded on purpose:
 * when ClickHouse stays unavailable the job fails and Flink restarts it from the last checkpoint, which
 * loses nothing and makes the outage visible.
 */
public final class RetryPolicy implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    private RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    /**
     * @param maxAttempts total attempts including the first, at least 1
     * @param initialBackoff wait before the second attempt, not negative
     * @param maxBackoff upper bound of any wait, at least {@code initialBackoff}
     */
    public static RetryPolicy limited(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff must not be negative, got " + initialBackoff);
        }
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException(
                    "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
        }
        return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff);
    }

    /** One attempt: a retriable failure fails the job at once. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }

    public int maxAttempts() {
        return maxAttempts;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    /** Whether another attempt may follow attempt number {@code attempt} (1-based). */
    public boolean allowsAttemptAfter(int attempt) {
        return attempt < maxAttempts;
    }

    /** The wait after failed attempt number {@code attempt} (1-based): initial × 2^(attempt-1), capped. */
    public Duration backoffAfter(int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt is 1-based, got " + attempt);
        }
        long initialMillis = initialBackoff.toMillis();
        int doublings = Math.min(attempt - 1, 30); // 2^30 × any sane initial wait is already past the cap
        long millis = initialMillis <= Long.MAX_VALUE >> doublings ? initialMillis << doublings : Long.MAX_VALUE;
        return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RetryPolicy other
                && maxAttempts == other.maxAttempts
                && initialBackoff.equals(other.initialBackoff)
                && maxBackoff.equals(other.maxBackoff);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxAttempts, initialBackoff, maxBackoff);
    }

    @Override
    public String toString() {
        return maxAttempts == 1
                ? "RetryPolicy.none()"
                : "RetryPolicy.limited(" + maxAttempts + ", " + initialBackoff + ", " + maxBackoff + ")";
    }
}
