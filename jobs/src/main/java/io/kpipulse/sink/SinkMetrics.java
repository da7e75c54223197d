package io.kpipulse.sink;

import io.kpipulse.metrics.EngineMetricNames;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

/**
 * The sink's counters, registered once in the writer's metric group. Also feeds Flink's standard sink
 * metrics (records sent, records-out errors, current send time) so generic dashboards work.
 */
final class SinkMetrics {

    private final Counter rowsWritten;
    private final Counter batchesWritten;
    private final Counter retries;
    private final Counter retriableFailures;
    private final Counter badRows;
    private final Counter fatalFailures;
    private final Counter recordsSend;
    private final Counter recordsOutErrors;
    private volatile long lastBatchLatencyMs;

    SinkMetrics(SinkWriterMetricGroup group) {
        rowsWritten = group.counter(EngineMetricNames.ROWS_WRITTEN, new SimpleCounter());
        batchesWritten = group.counter(EngineMetricNames.BATCHES_WRITTEN, new SimpleCounter());
        retries = group.counter(EngineMetricNames.SINK_RETRIES, new SimpleCounter());
        retriableFailures = group.counter(EngineMetricNames.SINK_RETRIABLE_FAILURES, new SimpleCounter());
        badRows = group.counter(EngineMetricNames.SINK_BAD_ROWS, new SimpleCounter());
        fatalFailures = group.counter(EngineMetricNames.SINK_FATAL_FAILURES, new SimpleCounter());
        group.gauge(EngineMetricNames.LAST_BATCH_LATENCY_MS, () -> lastBatchLatencyMs);
        group.setCurrentSendTimeGauge(() -> lastBatchLatencyMs);
        recordsSend = group.getNumRecordsSendCounter();
        recordsOutErrors = group.getNumRecordsOutErrorsCounter();
    }

    void batchWritten(int rows, long latencyMs) {
        rowsWritten.inc(rows);
        recordsSend.inc(rows);
        batchesWritten.inc();
        lastBatchLatencyMs = latencyMs;
    }

    void retry() {
        retries.inc();
    }

    void retriableFailure() {
        retriableFailures.inc();
    }

    void badRow() {
        badRows.inc();
        recordsOutErrors.inc();
    }

    void fatalFailure() {
        fatalFailures.inc();
    }

    long rowsWritten() {
        return rowsWritten.getCount();
    }

    long batchesWritten() {
        return batchesWritten.getCount();
    }

    long retries() {
        return retries.getCount();
    }

    long retriableFailures() {
        return retriableFailures.getCount();
    }

    long badRows() {
        return badRows.getCount();
    }

    long fatalFailures() {
        return fatalFailures.getCount();
    }

    long lastBatchLatencyMs() {
        return lastBatchLatencyMs;
    }
}
