package io.kpipulse.api.http;

/** A request parameter is missing or invalid; the message names the parameter. */
public final class BadRequestException extends ApiException {

    private final String parameter;

    public BadRequestException(String parameter, String message) {
        super(400, "BAD_REQUEST", parameter + ": " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
