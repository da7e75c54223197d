package io.kpipulse.api.auth;

import io.kpipulse.api.http.ApiException;
import java.util.Map;

/** The caller's token bucket is empty; {@code Retry-After} says in how many whole seconds a request fits. */
public final class TooManyRequestsException extends ApiException {

    private final long retryAfterSeconds;

    public TooManyRequestsException(long retryAfterSeconds) {
        super(429, "TOO_MANY_REQUESTS", "rate limit exceeded, retry after " + retryAfterSeconds + " s");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("Retry-After", Long.toString(retryAfterSeconds));
    }
}
