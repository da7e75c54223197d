package io.kpipulse.api.auth;

import io.kpipulse.api.http.ApiException;
import java.util.Map;

/**
 * No valid credentials: missing, malformed, badly signed, expired, not yet valid, wrong issuer or audience.
 * The message says which in general terms only; the {@code WWW-Authenticate} challenge tells the client to
 * bring a bearer token.
 */
public final class UnauthorizedException extends ApiException {

    public UnauthorizedException(String message) {
        super(401, "UNAUTHORIZED", message);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Bearer realm=\"kpi-pulse\", error=\"invalid_token\"");
    }
}
