package io.kpipulse.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Bearer tokens already verified, by their exact text, with the principal they carry: a dashboard sends the
 * same token with every request, and parsing it twice, decoding it and checking its RSA signature was about a
 * tenth of a dashboard request's CPU (profile of the dashboard bench, 2026-12-02). An entry is used only
 * before both the token's own {@code exp} (no clock-skew grace: a cached token expires no later than a fresh
 * check would reject it) and {@link #MAX_AGE} after its check, so a key the issuer withdraws stops admitting
 * its tokens within that time, as the key source's own cache already allows. Tokens have no revocation of
 * their own (API keys, which do, are not cached here). Bounded: past {@link #MAX_ENTRIES} the expired entries
 * are dropped, and all of them if that is not enough.
 */
final class VerifiedTokens {

    static final Duration MAX_AGE = Duration.ofSeconds(30);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Principal principal, long usableUntilMillis) {}

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    VerifiedTokens(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The principal of a token verified before and still usable, else null (verify it). */
    Principal find(String token) {
        Entry entry = entries.get(token);
        if (entry == null) {
            return null;
        }
        if (clock.millis() >= entry.usableUntilMillis()) {
            entries.remove(token, entry);
            return null;
        }
        return entry.principal();
    }

    /** Remembers a token just verified; {@code expiresAt} is its {@code exp} claim. */
    void put(String token, Principal principal, Instant expiresAt) {
        long now = clock.millis();
        long until = Math.min(expiresAt.toEpochMilli(), now + MAX_AGE.toMillis());
        if (until <= now) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            entries.values().removeIf(e -> now >= e.usableUntilMillis());
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(token, new Entry(principal, until));
    }

    int size() {
        return entries.size();
    }
}
