package io.kpipulse.api;

import io.kpipulse.config.Settings;
import java.util.Objects;

/** How the HTTP server itself is set up: where it listens and what version it reports. */
public record ApiConfig(String host, int port, String version) {

    public ApiConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(version, "version");
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0..65535, got " + port);
        }
    }

    public static ApiConfig from(Settings settings) {
        return new ApiConfig(settings.get(ApiOptions.HOST), settings.get(ApiOptions.PORT), ApiVersion.current());
    }

    /** Loopback on a free port: what tests use. */
    public static ApiConfig forTests() {
        return new ApiConfig("127.0.0.1", 0, "test");
    }
}
