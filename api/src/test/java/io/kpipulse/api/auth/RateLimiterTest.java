package io.kpipulse.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void burstThenOneRequestPerRefillIntervalPerCaller() {
        RateLimiter limiter = new RateLimiter(3, 2, nanos::get);
        limiter.acquire("a");
        limiter.acquire("a");
        limiter.acquire("a");
        TooManyRequestsException e = assertThrows(TooManyRequestsException.class, () -> limiter.acquire("a"));
        assertEquals(429, e.status());
        assertEquals("1", e.headers().get("Retry-After"), "0.5 s rounds up to 1 s");
        limiter.acquire("b"); // another caller has its own bucket
        nanos.addAndGet(500_000_000L); // 2 per second: one token after half a second
        limiter.acquire("a");
        assertThrows(TooManyRequestsException.class, () -> limiter.acquire("a"));
        nanos.addAndGet(60_000_000_000L); // long idle: refills to the burst, not beyond
        limiter.acquire("a");
        limiter.acquire("a");
        limiter.acquire("a");
        assertThrows(TooManyRequestsException.class, () -> limiter.acquire("a"));
    }

    @Test
    void retryAfterCountsWholeSecondsUntilATokenFits() {
        RateLimiter slow = new RateLimiter(1, 1, nanos::get);
        slow.acquire("a");
        nanos.addAndGet(100_000_000L);
        assertEquals(
                "1",
                assertThrows(TooManyRequestsException.class, () -> slow.acquire("a"))
                        .headers()
                        .get("Retry-After"));
    }

    @Test
    void zeroPerSecondDisablesLimiting() {
        RateLimiter off = new RateLimiter(1, 0, nanos::get);
        for (int i = 0; i < 100; i++) {
            off.acquire("a");
        }
    }
}
