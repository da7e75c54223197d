package io.kpipulse.events;

/**
 * Bytes that cannot become an event. Carries a {@link Reason} and the original bytes so the caller can write a
 * dead-letter record. No stack trace is captured: this is a data error on the hot path, not a bug.
 */
public final class EventDecodeException extends Exception {
    /** Why decoding failed. */
    public enum Reason {
        /** Empty, shorter than the 10-byte single-object header, or wrong magic (not 0xC3 0x01). */
        NOT_SINGLE_OBJECT,
        /** The CRC-64-AVRO fingerprint is not one of the known schema versions. */
        UNKNOWN_SCHEMA,
        /** The body does not match the writer schema: truncated, corrupt, or trailing bytes. */
        MALFORMED_BODY,
        /** Decoded, but the header is invalid: blank tenant, tenant containing '|', or wrong source system. */
        INVALID_HEADER
    }

    private final Reason reason;
    private final byte[] original;
    private final long fingerprint;

    EventDecodeException(Reason reason, String message, byte[] original, long fingerprint, Throwable cause) {
        super(reason + ": " + message, cause, false, false);
        this.reason = reason;
        this.original = original;
        this.fingerprint = fingerprint;
    }

    public Reason reason() {
        return reason;
    }

    /** The bytes as received (not copied: do not modify). */
    public byte[] originalBytes() {
        return original;
    }

    /** The writer fingerprint read from the message, 0 when the reason is {@link Reason#NOT_SINGLE_OBJECT}. */
    public long fingerprint() {
        return fingerprint;
    }
}
