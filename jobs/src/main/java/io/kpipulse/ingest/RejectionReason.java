package io.kpipulse.ingest;

/** Why a record was not accepted. Every produced record is accepted, rejected for one of these, late, or a duplicate. */
public enum RejectionReason {
    NOT_SINGLE_OBJECT,
    UNKNOWN_SCHEMA,
    MALFORMED_BODY,
    INVALID_HEADER,
    WRONG_TOPIC,
    UNKNOWN_TENANT,
    UNKNOWN_EMPLOYEE,
    IMPOSSIBLE_VALUE,
    /** Accepted, but a row made from it was rejected by ClickHouse as bad data (see the dead letter's topic). */
    SINK_REJECTED
}
