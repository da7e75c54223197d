package io.kpipulse.alerts.rules;

/** A rule that cannot be accepted, naming the field at fault (as the API's 4xx does). */
public final class AlertRuleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public AlertRuleException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
