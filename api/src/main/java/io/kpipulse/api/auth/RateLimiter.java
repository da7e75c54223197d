package io.kpipulse.api.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code burst} requests at once, refilled at {@code perSecond}. Callers are
 * keyed by the access manager (a token's tenant and subject, an API key, or the client address before
 * sign-in). Buckets that have refilled completely are dropped when the map grows, so a flood of one-off
 * callers cannot grow memory without bound; a dropped full bucket equals a fresh one.
 */
public final class RateLimiter {

    /** Beyond this many callers, full buckets are swept. */
    static final int SWEEP_ABOVE = 10_000;

    private final long burst;
    private final long perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(int burst, int perSecond, LongSupplier nanoTime) {
        if (burst < 1 || perSecond < 0) {
            throw new IllegalArgumentException("burst must be >= 1 and perSecond >= 0");
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    public static RateLimiter system(int burst, int perSecond) {
        return new RateLimiter(burst, perSecond, System::nanoTime);
    }

    /** Takes one request from {@code caller}'s bucket, or throws a 429 saying when one will fit. */
    public void acquire(String caller) {
        if (perSecond == 0) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(b -> b.isFull(now));
        }
        long waitNanos = buckets.computeIfAbsent(caller, c -> new Bucket(now)).take(now);
        if (waitNanos > 0) {
            throw new TooManyRequestsException(Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L));
        }
    }

    /** Tokens in units of 1/perSecond-second nanos, so refill is exact integer arithmetic. */
    private final class Bucket {
        private final long capacityNanos = burst * 1_000_000_000L;
        private long availableNanos;
        private long last;

        Bucket(long now) {
            this.availableNanos = capacityNanos;
            this.last = now;
        }

        /** 0 when a token was taken, otherwise how long until one is available. */
        synchronized long take(long now) {
            refill(now);
            if (availableNanos >= 1_000_000_000L) {
                availableNanos -= 1_000_000_000L;
                return 0;
            }
            return (1_000_000_000L - availableNanos) / perSecond;
        }

        synchronized boolean isFull(long now) {
            refill(now);
            return availableNanos >= capacityNanos;
        }

        private void refill(long now) {
            long elapsed = Math.max(0, now - last);
            last = now;
            // An idle spell longer than a full refill is capped first, so the product stays far from overflow.
            long add = elapsed >= capacityNanos ? capacityNanos : elapsed * perSecond;
            availableNanos = Math.min(capacityNanos, availableNanos + add);
        }
    }
}
