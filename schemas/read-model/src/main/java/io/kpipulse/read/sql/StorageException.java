package io.kpipulse.read.sql;

/**
 * ClickHouse failed to answer a read. Mapped to a 503 for the client (the request may succeed later);
 * the cause is logged, never shown.
 */
public final class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
