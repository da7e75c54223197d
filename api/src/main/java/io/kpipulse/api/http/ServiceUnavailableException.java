package io.kpipulse.api.http;

/** A dependency (ClickHouse) cannot be reached; the client may retry later. */
public final class ServiceUnavailableException extends ApiException {

    public ServiceUnavailableException(String message) {
        super(503, "UNAVAILABLE", message);
    }
}
