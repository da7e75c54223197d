package io.kpipulse.api.indicators;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * The dashboard answer cache; see the {@code kpi.api.cache.*} settings in {@link ApiOptions}.
 *
 * @param entries answers kept per tenant; 0 turns the cache off
 * @param maxAge longest an answer is kept when none of its values changes
 */
public record ValueCacheConfig(int entries, Duration maxAge) {

    /** No cache: every answer read from ClickHouse. */
    public static final ValueCacheConfig OFF = new ValueCacheConfig(0, Duration.ZERO);

    public ValueCacheConfig {
        Objects.requireNonNull(maxAge, "maxAge");
        if (entries < 0 || maxAge.isNegative()) {
            throw new IllegalArgumentException("cache entries and max age must not be negative");
        }
    }

    public static ValueCacheConfig from(Settings settings) {
        return new ValueCacheConfig(settings.get(ApiOptions.CACHE_ENTRIES), settings.get(ApiOptions.CACHE_MAX_AGE));
    }

    /** The defaults of {@link ApiOptions}. */
    public static ValueCacheConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
