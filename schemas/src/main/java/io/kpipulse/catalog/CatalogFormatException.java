package io.kpipulse.catalog;

/** A catalog document that cannot be turned into definitions; the message names where and why. */
public class CatalogFormatException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogFormatException(String message) {
        super(message);
    }

    public CatalogFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
