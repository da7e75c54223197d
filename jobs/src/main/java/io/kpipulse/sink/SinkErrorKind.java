package io.kpipulse.sink;

/** What a failed insert means for the rows in it; each kind has one policy in {@link BatchInserter}. */
public enum SinkErrorKind {
    /** The server or network is briefly unable: send the same batch again after a back-off. */
    RETRIABLE,
    /** Some row in the batch cannot be stored: bisect the batch, store the rest, hand the row to a {@link BadRowHandler}. */
    BAD_DATA,
    /** Retrying cannot help (missing table or column, wrong credentials, bad SQL): fail the job now. */
    FATAL
}
