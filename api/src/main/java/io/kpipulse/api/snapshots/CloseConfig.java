package io.kpipulse.api.snapshots;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.config.Settings;
import io.kpipulse.snapshots.Adjustment;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Period-close settings ({@link ApiOptions#CLOSE_GRACE}, {@link ApiOptions#CLOSE_LATE_POLICY},
 * {@link ApiOptions#CLOSE_FREEZE_HEARTBEAT}, {@link ApiOptions#CLOSE_FREEZE_ABANDONED_AFTER}).
 *
 * @param grace how long past a period's end the engine's newest event time must be before a freeze without force
 * @param latePolicy where adjustments found after a freeze go
 * @param freezeHeartbeat how often a running freeze stores its newest progress row again
 * @param freezeAbandonedAfter a running freeze whose newest progress row is older than this reads abandoned (longer
 *     than the heartbeat)
 */
public record CloseConfig(
        Duration grace, Adjustment.Disposition latePolicy, Duration freezeHeartbeat, Duration freezeAbandonedAfter) {

    public CloseConfig {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(latePolicy, "latePolicy");
        Objects.requireNonNull(freezeHeartbeat, "freezeHeartbeat");
        Objects.requireNonNull(freezeAbandonedAfter, "freezeAbandonedAfter");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("close grace must not be negative");
        }
        if (freezeHeartbeat.isNegative() || freezeHeartbeat.isZero()) {
            throw new IllegalArgumentException(ApiOptions.CLOSE_FREEZE_HEARTBEAT.key() + " must be positive");
        }
        if (freezeAbandonedAfter.compareTo(freezeHeartbeat) <= 0) {
            throw new IllegalArgumentException(ApiOptions.CLOSE_FREEZE_ABANDONED_AFTER.key() + " must be longer than "
                    + ApiOptions.CLOSE_FREEZE_HEARTBEAT.key());
        }
    }

    public static CloseConfig from(Settings settings) {
        return new CloseConfig(
                settings.get(ApiOptions.CLOSE_GRACE),
                Adjustment.Disposition.valueOf(
                        settings.get(ApiOptions.CLOSE_LATE_POLICY).strip().toUpperCase(Locale.ROOT)),
                settings.get(ApiOptions.CLOSE_FREEZE_HEARTBEAT),
                settings.get(ApiOptions.CLOSE_FREEZE_ABANDONED_AFTER));
    }

    public static CloseConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
