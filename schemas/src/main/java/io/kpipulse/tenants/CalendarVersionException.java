package io.kpipulse.tenants;

/** A calendar version that cannot be published, naming the field that is wrong (the API's error answer). */
public final class CalendarVersionException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String field;

    public CalendarVersionException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
