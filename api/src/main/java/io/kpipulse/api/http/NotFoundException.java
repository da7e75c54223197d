package io.kpipulse.api.http;

/** The addressed resource (tenant, route) does not exist. */
public final class NotFoundException extends ApiException {

    public NotFoundException(String message) {
        super(404, "NOT_FOUND", message);
    }
}
