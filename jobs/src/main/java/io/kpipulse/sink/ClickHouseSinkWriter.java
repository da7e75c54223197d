package io.kpipulse.sink;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Buffers rows and hands them to its {@link BatchSender} as one batch when the batch is full, when the
 * flush interval has passed since the first buffered row, and always in {@link #flush(boolean)}, which
 * Flink calls before every checkpoint barrier and at end of input, and which returns only once every batch
 * is stored. Buffering runs on the task thread: the interval is a processing-time timer, whose callback
 * Flink runs in the task's mailbox, so no lock is needed.
 */
final class ClickHouseSinkWriter<T> implements SinkWriter<T> {

    private final BatchSender<T> sender;
    private final ProcessingTimeService timers;
    private final int batchSize;
    private final long flushIntervalMs;
    private List<T> buffer;
    private long firstBufferedAt;
    private ScheduledFuture<?> pendingTimer;

    ClickHouseSinkWriter(BatchSender<T> sender, ProcessingTimeService timers, SinkOptions options) {
        this.sender = sender;
        this.timers = timers;
        this.batchSize = options.batchSize();
        this.flushIntervalMs = options.flushInterval().toMillis();
        this.buffer = new ArrayList<>(batchSize);
    }

    @Override
    public void write(T row, Context context) throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            firstBufferedAt = timers.getCurrentProcessingTime();
            scheduleFlushAt(firstBufferedAt + flushIntervalMs);
        }
        buffer.add(row);
        if (buffer.size() >= batchSize) {
            flushBuffer();
        }
    }

    /** Called before each checkpoint barrier: the rows are stored before the checkpoint covering their inputs. */
    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        flushBuffer();
        sender.awaitSent();
    }

    private void flushBuffer() throws IOException, InterruptedException {
        if (buffer.isEmpty()) {
            return;
        }
        List<T> batch = buffer;
        // A fresh list rather than clear(): the inserter bisects with subList views of the batch.
        buffer = new ArrayList<>(batchSize);
        sender.send(batch);
    }

    private void scheduleFlushAt(long time) {
        if (pendingTimer == null) {
            pendingTimer = timers.registerTimer(time, this::onFlushTimer);
        }
    }

    private void onFlushTimer(long time) throws IOException, InterruptedException {
        pendingTimer = null;
        if (buffer.isEmpty()) {
            return;
        }
        long due = firstBufferedAt + flushIntervalMs;
        if (time >= due) {
            flushBuffer();
        } else {
            // The batch this timer was set for went out when it filled; wait for the current one's due time.
            scheduleFlushAt(due);
        }
    }

    int bufferedRows() {
        return buffer.size();
    }

    @Override
    public void close() throws Exception {
        if (pendingTimer != null) {
            pendingTimer.cancel(false);
            pendingTimer = null;
        }
        // Rows still buffered belong to no completed checkpoint; a restart replays them, so they are not written here.
        sender.close();
    }
}
