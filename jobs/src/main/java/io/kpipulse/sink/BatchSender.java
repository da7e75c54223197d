package io.kpipulse.sink;

import java.io.IOException;
import java.util.List;

/**
 * Hands full batches to a {@link BatchInserter}, either on the task thread or on a background thread, so
 * that a slow ClickHouse holds up the operator feeding the sink only once its queue is full.
 */
interface BatchSender<T> extends AutoCloseable {

    /** Sends the batch or queues it; may block while the queue is full. Throws an earlier batch's failure. */
    void send(List<T> batch) throws IOException, InterruptedException;

    /** Returns once every batch sent so far is stored (or handed to the bad-row handler); throws their failure. */
    void awaitSent() throws IOException, InterruptedException;

    /** Stops sending; batches not yet stored are dropped (they belong to no completed checkpoint). */
    @Override
    void close();

    /**
     * @param batchesInFlight 0: insert on the caller's thread; otherwise at most this many batches queued or
     *                        being inserted by one background thread, in order
     */
    static <T> BatchSender<T> of(BatchInserter<T> inserter, int batchesInFlight, String threadName) {
        if (batchesInFlight == 0) {
            return new BatchSender<>() {
                @Override
                public void send(List<T> batch) throws IOException, InterruptedException {
                    inserter.insert(batch);
                }

                @Override
                public void awaitSent() {}

                @Override
                public void close() {
                    inserter.close();
                }
            };
        }
        return new BackgroundBatchSender<>(inserter, batchesInFlight, threadName);
    }
}
