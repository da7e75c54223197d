package io.kpipulse.scoring.store;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Versions for append-only rows, from the clock's milliseconds: larger than any handed out before, so two
 * saves of one key never share a version and versions sort as the saves happened.
 */
final class Versions {

    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    Versions(Clock clock) {
        this.clock = clock;
    }

    long next() {
        long now = clock.millis();
        return last.updateAndGet(previous -> Math.max(now, previous + 1));
    }
}
