package io.kpipulse.api.live;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * How the live feed polls and pushes; see the {@code kpi.api.live.*} settings in {@link ApiOptions}.
 *
 * @param pollInterval how often each tenant's poller reads new rows
 * @param versionMemory how long a key's pushed version is remembered, to drop a same or lower one appearing later
 * @param heartbeat how often an idle connection gets a comment, so proxies and clients see it alive
 * @param clientQueue events buffered for one client; a client that falls this far behind is dropped
 * @param replay events kept per tenant for a reconnecting client's {@code Last-Event-ID}
 * @param pollLimit rows read by one poll query
 */
public record LiveConfig(
        Duration pollInterval, Duration versionMemory, Duration heartbeat, int clientQueue, int replay, int pollLimit) {

    public LiveConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(versionMemory, "versionMemory");
        Objects.requireNonNull(heartbeat, "heartbeat");
        if (pollInterval.isNegative() || pollInterval.isZero() || heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("live poll interval and heartbeat must be positive");
        }
        if (versionMemory.isNegative()) {
            throw new IllegalArgumentException("live version memory must not be negative, got " + versionMemory);
        }
        if (clientQueue < 1 || replay < 0 || pollLimit < 1) {
            throw new IllegalArgumentException(
                    "live client queue and poll limit must be positive, replay not negative");
        }
    }

    public static LiveConfig from(Settings settings) {
        return new LiveConfig(
                settings.get(ApiOptions.LIVE_POLL_INTERVAL),
                settings.get(ApiOptions.LIVE_VERSION_MEMORY),
                settings.get(ApiOptions.LIVE_HEARTBEAT),
                settings.get(ApiOptions.LIVE_CLIENT_QUEUE),
                settings.get(ApiOptions.LIVE_REPLAY),
                settings.get(ApiOptions.LIVE_POLL_LIMIT));
    }

    /** The defaults of {@link ApiOptions}. */
    public static LiveConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
