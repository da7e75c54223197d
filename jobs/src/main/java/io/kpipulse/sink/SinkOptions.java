package io.kpipulse.sink;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * Batching and retry settings of a {@link ClickHouseSink}. Immutable; every factory validates.
 * Defaults: 5,000 rows or 200 ms, whichever comes first, 5 attempts backing off 100 ms → 5 s, and two
 * batches in flight on a background thread.
 * The 200 ms keeps event-to-dashboard freshness well under a second; 5,000 rows keeps ClickHouse's part
 * count low (every insert creates a part per partition).
 */
public final class SinkOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    public static final int DEFAULT_BATCH_SIZE = 5_000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(200);
    /** One batch being inserted while the next fills: the task thread rarely waits for ClickHouse. */
    public static final int DEFAULT_BATCHES_IN_FLIGHT = 2;

    public static final RetryPolicy DEFAULT_RETRY_POLICY =
            RetryPolicy.limited(5, Duration.ofMillis(100), Duration.ofSeconds(5));

    private final int batchSize;
    private final Duration flushInterval;
    private final RetryPolicy retryPolicy;
    private final int batchesInFlight;

    private SinkOptions(int batchSize, Duration flushInterval, RetryPolicy retryPolicy, int batchesInFlight) {
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.retryPolicy = retryPolicy;
        this.batchesInFlight = batchesInFlight;
    }

    public static SinkOptions defaults() {
        return of(DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, DEFAULT_RETRY_POLICY);
    }

    public static SinkOptions of(int batchSize, Duration flushInterval, RetryPolicy retryPolicy) {
        return of(batchSize, flushInterval, retryPolicy, DEFAULT_BATCHES_IN_FLIGHT);
    }

    /**
     * @param batchSize rows per insert, at least 1
     * @param flushInterval longest time a row waits in the buffer, positive
     * @param batchesInFlight batches queued or being inserted by the sink's background thread; 0 inserts on
     *                        the task thread
     */
    public static SinkOptions of(int batchSize, Duration flushInterval, RetryPolicy retryPolicy, int batchesInFlight) {
        Objects.requireNonNull(flushInterval, "flushInterval");
        Objects.requireNonNull(retryPolicy, "retryPolicy");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, got " + batchSize);
        }
        if (flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("flushInterval must be positive, got " + flushInterval);
        }
        if (batchesInFlight < 0) {
            throw new IllegalArgumentException("batchesInFlight must not be negative, got " + batchesInFlight);
        }
        return new SinkOptions(batchSize, flushInterval, retryPolicy, batchesInFlight);
    }

    public SinkOptions withBatchSize(int newBatchSize) {
        return of(newBatchSize, flushInterval, retryPolicy, batchesInFlight);
    }

    public SinkOptions withFlushInterval(Duration newFlushInterval) {
        return of(batchSize, newFlushInterval, retryPolicy, batchesInFlight);
    }

    public SinkOptions withRetryPolicy(RetryPolicy newRetryPolicy) {
        return of(batchSize, flushInterval, newRetryPolicy, batchesInFlight);
    }

    public SinkOptions withBatchesInFlight(int newBatchesInFlight) {
        return of(batchSize, flushInterval, retryPolicy, newBatchesInFlight);
    }

    public int batchesInFlight() {
        return batchesInFlight;
    }

    public int batchSize() {
        return batchSize;
    }

    public Duration flushInterval() {
        return flushInterval;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    @Override
    public String toString() {
        return "SinkOptions{batchSize=" + batchSize + ", flushInterval=" + flushInterval + ", retry=" + retryPolicy
                + ", batchesInFlight=" + batchesInFlight + "}";
    }
}
