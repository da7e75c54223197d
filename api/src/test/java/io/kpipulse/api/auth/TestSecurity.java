package io.kpipulse.api.auth;

import io.kpipulse.api.http.ApiJson;
import io.kpipulse.read.sql.Connections;
import java.time.Clock;

/**
 * Security for HTTP tests that are about something else: tokens from {@link TestTokens} are accepted, rate
 * limiting is off (its own test covers it), and the org is unknown (department heads see only themselves;
 * scope has its own tests).
 */
public final class TestSecurity {

    private TestSecurity() {}

    public static SecurityServices services(Connections connections, Clock clock, TestTokens tokens) {
        return SecurityServices.builder(connections, ApiJson.mapper(), clock)
                .verifier(tokens.verifier())
                .rateLimiter(new RateLimiter(1, 0, System::nanoTime))
                .build();
    }
}
