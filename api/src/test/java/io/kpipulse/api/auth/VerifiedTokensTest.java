package io.kpipulse.api.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");
    private static final Principal EXECUTIVE =
            new Principal("t-acme-life", "t-acme-life/executive", EnumSet.of(Role.EXECUTIVE), null);

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        private Instant now = T0;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final Moving clock = new Moving();
    private final VerifiedTokens tokens = new VerifiedTokens(clock);

    @Test
    void aVerifiedTokenIsFoundByItsExactText() {
        tokens.put("a.b.c", EXECUTIVE, T0.plus(Duration.ofMinutes(15)));

        assertSame(EXECUTIVE, tokens.find("a.b.c"));
        assertNull(tokens.find("a.b.d"));
        assertNull(tokens.find("a.b.c "));
    }

    @Test
    void aCachedTokenIsNotUsedFromItsExpiryOn() {
        tokens.put("a.b.c", EXECUTIVE, T0.plusSeconds(10));

        clock.now = T0.plusSeconds(9);
        assertSame(EXECUTIVE, tokens.find("a.b.c"));
        clock.now = T0.plusSeconds(10);
        assertNull(tokens.find("a.b.c"));
    }

    @Test
    void aCachedTokenIsCheckedAgainAtMostThirtySecondsAfterItsCheck() {
        tokens.put("a.b.c", EXECUTIVE, T0.plus(Duration.ofMinutes(15)));

        clock.now = T0.plus(VerifiedTokens.MAX_AGE).minusMillis(1);
        assertSame(EXECUTIVE, tokens.find("a.b.c"));
        clock.now = T0.plus(VerifiedTokens.MAX_AGE);
        assertNull(tokens.find("a.b.c"));
    }

    @Test
    void anAlreadyExpiredTokenIsNotKept() {
        tokens.put("a.b.c", EXECUTIVE, T0);

        assertNull(tokens.find("a.b.c"));
        assertEquals(0, tokens.size());
    }

    @Test
    void theCacheStaysWithinItsBound() {
        for (int i = 0; i < VerifiedTokens.MAX_ENTRIES + 5; i++) {
            tokens.put("token-" + i, EXECUTIVE, T0.plusSeconds(60));
        }

        assertTrue(tokens.size() <= VerifiedTokens.MAX_ENTRIES);
        assertSame(EXECUTIVE, tokens.find("token-" + (VerifiedTokens.MAX_ENTRIES + 4)));
    }
}
