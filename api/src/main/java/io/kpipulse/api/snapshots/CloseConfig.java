package io.kpipulse.api.snapshots;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.config.Settings;
import io.kpipulse.snapshots.Adjustment;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Period-close settings ({@link ApiOptions#CLOSE_GRACE}, {@link ApiOptions#CLOSE_LATE_POLICY}).
 *
 * @param grace how long past a period's end the engine's newest event time must be before a freeze without force
 * @param latePolicy where adjustments found after a freeze go
 */
public record CloseConfig(Duration grace, Adjustment.Disposition latePolicy) {

    public CloseConfig {
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(latePolicy, "latePolicy");
        if (grace.isNegative()) {
            throw new IllegalArgumentException("close grace must not be negative");
        }
    }

    public static CloseConfig from(Settings settings) {
        return new CloseConfig(
                settings.get(ApiOptions.CLOSE_GRACE),
                Adjustment.Disposition.valueOf(
                        settings.get(ApiOptions.CLOSE_LATE_POLICY).strip().toUpperCase(Locale.ROOT)));
    }

    public static CloseConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
