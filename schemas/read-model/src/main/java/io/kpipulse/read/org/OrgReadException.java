package io.kpipulse.read.org;

/** ClickHouse failed to answer an org question; the cause says why (never personal data). */
public final class OrgReadException extends RuntimeException {

    public OrgReadException(String message, Throwable cause) {
        super(message, cause);
    }
}
