package io.kpipulse.api.auth;

import io.kpipulse.api.http.ApiException;

/** Signed in, but not allowed: another tenant, a role the route does not admit, or a subject outside scope. */
public final class ForbiddenException extends ApiException {

    public ForbiddenException(String message) {
        super(403, "FORBIDDEN", message);
    }
}
