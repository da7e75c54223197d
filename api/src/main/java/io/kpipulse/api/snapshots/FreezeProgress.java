package io.kpipulse.api.snapshots;

import io.kpipulse.snapshots.CaptureProgress;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Freezes running in this API process, by tenant and period, for the status route. */
final class FreezeProgress {

    /** A running freeze: who started it, when, and the phase it reached. */
    record Running(String actor, Instant startedAt, String phase, long done, long total) {}

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Clock clock;

    FreezeProgress(Clock clock) {
        this.clock = clock;
    }

    CaptureProgress start(String key, String actor) {
        Instant started = clock.instant();
        running.put(key, new Running(actor, started, "starting", 0, 0));
        return (phase, done, total) -> running.put(key, new Running(actor, started, phase, done, total));
    }

    void finish(String key) {
        running.remove(key);
    }

    Optional<Running> of(String key) {
        return Optional.ofNullable(running.get(key));
    }
}
