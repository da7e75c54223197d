package io.kpipulse.api.http;

import java.util.Map;

/**
 * A failure the client can be told about: it carries its HTTP status and a stable, machine-readable code.
 * Handlers throw these; {@link ErrorMapping} turns every one into the same JSON shape in one place.
 */
public abstract class ApiException extends RuntimeException {

    private final int status;
    private final String code;

    protected ApiException(int status, String code, String message) {
        super(message, null, false, false); // a client error needs no stack trace
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** Response headers the status needs ({@code WWW-Authenticate} on a 401, {@code Retry-After} on a 429). */
    public Map<String, String> headers() {
        return Map.of();
    }
}
