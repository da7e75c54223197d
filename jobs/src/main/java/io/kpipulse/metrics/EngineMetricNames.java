package io.kpipulse.metrics;

import java.util.List;

/**
 * The names of the engine's own metrics, registered in the operators' metric groups, and how Flink's
 * Prometheus reporter shows them: {@code flink_taskmanager_job_task_operator_<name>} with the job, task and
 * subtask as labels. The Grafana dashboard ({@code deploy/grafana}) is checked against {@link #PROMETHEUS}.
 */
public final class EngineMetricNames {
    /** Prefix of an operator-scoped metric in the Prometheus reporter's output. */
    public static final String OPERATOR_PREFIX = "flink_taskmanager_job_task_operator_";

    // Admission (io.kpipulse.ingest.EventAdmission): accepted + dead-lettered + late + duplicates = records read.
    public static final String EVENTS_ACCEPTED = "eventsAccepted";
    public static final String EVENTS_DUPLICATE = "eventsDuplicate";
    public static final String EVENTS_LATE = "eventsLate";
    public static final String EVENTS_DEAD_LETTERED = "eventsDeadLettered";
    /** Gauge: processing time minus event time of the last accepted event (engine-side freshness), ms. */
    public static final String ADMISSION_LAG_MS = "admissionLagMs";

    // ClickHouse sink (io.kpipulse.sink.SinkMetrics), per sink writer.
    public static final String ROWS_WRITTEN = "rowsWritten";
    public static final String BATCHES_WRITTEN = "batchesWritten";
    public static final String SINK_RETRIES = "retries";
    public static final String SINK_RETRIABLE_FAILURES = "retriableFailures";
    public static final String SINK_BAD_ROWS = "badRows";
    public static final String SINK_FATAL_FAILURES = "fatalFailures";
    /** Gauge: how long the last batch took to write, ms. */
    public static final String LAST_BATCH_LATENCY_MS = "lastBatchLatencyMs";

    public static final List<String> OPERATOR_METRICS = List.of(
            EVENTS_ACCEPTED,
            EVENTS_DUPLICATE,
            EVENTS_LATE,
            EVENTS_DEAD_LETTERED,
            ADMISSION_LAG_MS,
            ROWS_WRITTEN,
            BATCHES_WRITTEN,
            SINK_RETRIES,
            SINK_RETRIABLE_FAILURES,
            SINK_BAD_ROWS,
            SINK_FATAL_FAILURES,
            LAST_BATCH_LATENCY_MS);

    /** The engine's own metrics as Prometheus series names. */
    public static final List<String> PROMETHEUS =
            OPERATOR_METRICS.stream().map(n -> OPERATOR_PREFIX + n).toList();

    private EngineMetricNames() {}
}
