package io.kpipulse.api.indicators;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.api.indicators.ValueCache.Dependency;
import io.kpipulse.api.live.ChangeListener;
import io.kpipulse.read.changes.ValueChange;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Which answers the change feed drops, and when an answer is not kept at all. */
class ValueCacheTest {

    private final Map<String, ChangeListener> listeners = new HashMap<>();
    private final AtomicLong now = new AtomicLong();
    private final ValueCache cache = new ValueCache(3, Duration.ofSeconds(30), listeners::put, now::get);
    private final AtomicInteger reads = new AtomicInteger();

    private String read(String key, Dependency dependency) {
        return cache.get("t-acme", key, Set.of(dependency), () -> key + "#" + reads.incrementAndGet());
    }

    private void written(String indicator, String subject) {
        listeners
                .get("t-acme")
                .changed(List.of(new ValueChange(
                        "t-acme",
                        indicator,
                        "MONTH_TO_DATE",
                        LocalDate.of(2026, 3, 1),
                        LocalDate.of(2026, 3, 31),
                        "EMPLOYEE",
                        subject,
                        null,
                        null,
                        null,
                        null,
                        null,
                        1,
                        Instant.EPOCH,
                        1,
                        7,
                        Instant.EPOCH)));
    }

    @Test
    void aRepeatedQuestionIsAnsweredWithoutReading() {
        assertEquals("ranking#1", read("ranking", new Dependency("premium", null)));
        assertEquals("ranking#1", read("ranking", new Dependency("premium", null)));
        assertEquals(1, reads.get());
    }

    @Test
    void aNewVersionDropsTheRankingOfItsIndicatorTheScorecardAndHistoryOfItsSubjectOnly() {
        read("ranking premium", new Dependency("premium", null));
        read("scorecard e-1", new Dependency(null, "e-1"));
        read("history premium e-1", new Dependency("premium", "e-1"));
        written("premium", "e-1");
        assertEquals(0, cache.size("t-acme"));

        read("ranking claims", new Dependency("claims", null));
        read("scorecard e-2", new Dependency(null, "e-2"));
        read("history premium e-2", new Dependency("premium", "e-2"));
        written("premium", "e-1");
        assertEquals(3, cache.size("t-acme"), "other indicators and subjects stay");
    }

    @Test
    void aReadThatNewsOvertookIsServedButNotKept() {
        String answer = cache.get("t-acme", "ranking", Set.of(new Dependency("premium", null)), () -> {
            written("claims", "e-9"); // a poll lands while the read is under way
            return "maybe stale";
        });
        assertEquals("maybe stale", answer);
        assertEquals(0, cache.size("t-acme"));
    }

    @Test
    void aFailedPollForgetsEverything() {
        read("ranking", new Dependency("premium", null));
        listeners.get("t-acme").lost();
        assertEquals(0, cache.size("t-acme"));
    }

    @Test
    void anAnswerExpiresAfterTheMaxAgeAndTheLeastRecentlyUsedGoesFirst() {
        read("a", new Dependency("a", null));
        read("b", new Dependency("b", null));
        read("c", new Dependency("c", null));
        read("a", new Dependency("a", null)); // a is now the most recently used
        read("d", new Dependency("d", null));
        assertEquals(3, cache.size("t-acme"));
        assertEquals("a#1", read("a", new Dependency("a", null)));
        assertEquals("b#5", read("b", new Dependency("b", null)), "b was evicted");

        now.addAndGet(Duration.ofSeconds(31).toNanos());
        assertEquals("a#6", read("a", new Dependency("a", null)));
    }

    @Test
    void withoutAFeedNothingIsKept() {
        ValueCache unwatched = new ValueCache(
                10,
                Duration.ofSeconds(30),
                (tenant, listener) -> {
                    throw new java.sql.SQLException("ClickHouse away");
                },
                now::get);
        unwatched.get("t-acme", "k", Set.of(), () -> "x");
        assertEquals(0, unwatched.size("t-acme"));
    }
}
