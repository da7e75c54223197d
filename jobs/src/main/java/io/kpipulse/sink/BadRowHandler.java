package io.kpipulse.sink;

import java.io.IOException;
import java.io.Serializable;

/**
 * Receives each row that ClickHouse (or the row's binder) rejected while the rest of its batch was stored.
 * Called on the thread that inserts the batch (the task thread, or the sink's background sender), before
 * the checkpoint that covers the row completes; throwing fails the job.
 * Product code routes these rows to the dead-letter table; the default fails the job.
 */
@FunctionalInterface
public interface BadRowHandler<T> extends Serializable {

    void handle(String table, T row, Exception cause) throws IOException;

    /** Fails the job, naming the table, the row and the reason: nothing is dropped silently. */
    static <T> BadRowHandler<T> failJob() {
        return (table, row, cause) -> {
            throw new ClickHouseSinkException(
                    "ClickHouse rejected a row for table " + table + ": " + abbreviate(String.valueOf(row)) + " — "
                            + cause.getMessage(),
                    cause);
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "…";
    }
}
