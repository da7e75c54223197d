package io.kpipulse.sink;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts batches on one background thread, in the order sent, with at most {@code batchesInFlight} queued
 * or in progress; {@link #send} blocks when that many are, which is how a slow table backpressures its
 * input. The task thread serialises nothing and waits for no round trip until the queue is full or a
 * checkpoint barrier needs every row stored ({@link #awaitSent}). The inserter is used by the background
 * thread only.
 */
final class BackgroundBatchSender<T> implements BatchSender<T> {

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundBatchSender.class);
    private static final long CLOSE_WAIT_SECONDS = 10;

    private final BatchInserter<T> inserter;
    private final ExecutorService thread;
    private final Semaphore slots;
    /** Batches sent and not yet awaited, oldest first; touched by the task thread only. */
    private final Deque<Future<?>> pending = new ArrayDeque<>();

    BackgroundBatchSender(BatchInserter<T> inserter, int batchesInFlight, String threadName) {
        if (batchesInFlight < 1) {
            throw new IllegalArgumentException("batchesInFlight must be at least 1, got " + batchesInFlight);
        }
        this.inserter = inserter;
        this.slots = new Semaphore(batchesInFlight);
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void send(List<T> batch) throws IOException, InterruptedException {
        throwCompletedFailures();
        slots.acquire();
        try {
            pending.add(thread.submit(() -> {
                try {
                    inserter.insert(batch);
                } finally {
                    slots.release();
                }
                return null;
            }));
        } catch (RuntimeException e) {
            slots.release();
            throw e;
        }
    }

    @Override
    public void awaitSent() throws IOException, InterruptedException {
        while (!pending.isEmpty()) {
            outcome(pending.poll());
        }
    }

    /** A failed batch fails the job at the next write, not only at the next checkpoint. */
    private void throwCompletedFailures() throws IOException, InterruptedException {
        while (!pending.isEmpty() && pending.peek().isDone()) {
            outcome(pending.poll());
        }
    }

    private static void outcome(Future<?> batch) throws IOException, InterruptedException {
        try {
            batch.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof InterruptedException interrupted) {
                throw interrupted;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ClickHouseSinkException("ClickHouse insert failed: " + cause, cause);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            if (!thread.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn(
                        "ClickHouse sender thread still busy {} s after close; closing its connection anyway",
                        CLOSE_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inserter.close();
        }
    }
}
