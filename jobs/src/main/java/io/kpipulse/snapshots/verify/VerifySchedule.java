package io.kpipulse.snapshots.verify;

import io.kpipulse.config.Settings;
import io.kpipulse.pipeline.EngineOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * When the verification worker verifies on its own, besides answering HR's requests
 * ({@link EngineOptions#VERIFY_NEW_FREEZES}, {@link EngineOptions#VERIFY_REVERIFY_AFTER},
 * {@link EngineOptions#VERIFY_INTEGRITY_AFTER}).
 *
 * @param newFreezes recompute every snapshot version never verified, once
 * @param reverifyAfter recompute a version whose newest run (never verified: its freeze) is at least this old; zero
 *     = never on schedule
 * @param integrityAfter re-hash the stored lines of a version never checked or last checked at least this long ago;
 *     zero = never on schedule
 */
public record VerifySchedule(boolean newFreezes, Duration reverifyAfter, Duration integrityAfter) {

    public VerifySchedule {
        Objects.requireNonNull(reverifyAfter, "reverifyAfter");
        Objects.requireNonNull(integrityAfter, "integrityAfter");
        if (reverifyAfter.isNegative() || integrityAfter.isNegative()) {
            throw new IllegalArgumentException("verification intervals must not be negative");
        }
    }

    public static VerifySchedule from(Settings settings) {
        return new VerifySchedule(
                settings.get(EngineOptions.VERIFY_NEW_FREEZES),
                settings.get(EngineOptions.VERIFY_REVERIFY_AFTER),
                settings.get(EngineOptions.VERIFY_INTEGRITY_AFTER));
    }

    /** Only requests: nothing on schedule. */
    public static VerifySchedule requestsOnly() {
        return new VerifySchedule(false, Duration.ZERO, Duration.ZERO);
    }
}
