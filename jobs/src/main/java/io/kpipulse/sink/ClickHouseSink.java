package io.kpipulse.sink;

import io.kpipulse.storage.ClickHouseConnector;
import java.io.IOException;
import java.util.Objects;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

/**
 * A Flink sink that inserts rows of type {@code T} into one ClickHouse table, in JDBC batches (RowBinary).
 *
 * <h2>Delivery guarantee: effectively-once results</h2>
 * <ol>
 *   <li><b>At-least-once delivery.</b> The writer inserts every buffered row in {@link SinkWriter#flush},
 *       which Flink calls before each checkpoint barrier; a checkpoint therefore completes only after the
 *       rows produced from the inputs it covers are stored (batches inserted in the background are awaited
 *       there too). After a failure Flink restarts from the last
 *       completed checkpoint and replays the inputs after it, so rows may be inserted again — never lost.
 *       A batch that fails with a retriable error is resent whole, which can also duplicate rows.</li>
 *   <li><b>Idempotent rows.</b> The sink adds no identity of its own: it relies on each table being a
 *       {@code ReplacingMergeTree} whose sorting key is a deterministic key of the row, with a version column
 *       that a replay reproduces exactly (same key, same version, same values). A duplicate is then the
 *       same row again, and a newer version of a key replaces older ones.</li>
 *   <li><b>Together: effectively-once results.</b> Once ClickHouse has merged the parts, each key holds exactly
 *       one row: the one with the highest version, identical whether or not anything was replayed.</li>
 * </ol>
 * <b>Limits.</b> Until background merges run, duplicates are physically present: readers must query with
 * {@code FINAL} or {@code argMax(value, version) GROUP BY key} — a plain {@code count()} or {@code sum()}
 * over the table may over-count. Rows whose version is not deterministic (e.g. wall-clock time taken at
 * processing) are still collapsed per key but the surviving row may differ between runs. Deduplication is
 * per partition: the partition key must be a function of the sorting key. Rows handed to a
 * {@link BadRowHandler} are the handler's responsibility (it runs before the checkpoint completes).
 *
 * <h2>Wiring</h2>
 * <pre>{@code
 * stream.sinkTo(ClickHouseSink.builder(ClickHouseConnector.from(settings), new IndicatorValuesTable())
 *         .options(SinkOptions.defaults())
 *         .badRowHandler(deadLetters)
 *         .build()).name("indicator_values");
 * }</pre>
 */
public final class ClickHouseSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final ConnectionFactory connections;
    private final String database;
    private final TableWriter<T> tableWriter;
    private final SinkOptions options;
    private final BadRowHandler<T> badRowHandler;

    private ClickHouseSink(Builder<T> builder) {
        this.connections = builder.connections;
        this.database = builder.database;
        this.tableWriter = builder.tableWriter;
        this.options = builder.options;
        this.badRowHandler = builder.badRowHandler;
        // Fail at job build time, not on the task manager, when a name is not an identifier.
        InsertStatement.sql(database, tableWriter.table(), tableWriter.columns());
    }

    public static <T> Builder<T> builder(ClickHouseConnector connector, TableWriter<T> tableWriter) {
        return new Builder<>(ConnectionFactory.of(connector), connector.database(), tableWriter);
    }

    /** For tests that wrap the connections (e.g. to inject failures). */
    static <T> Builder<T> builder(ConnectionFactory connections, String database, TableWriter<T> tableWriter) {
        return new Builder<>(connections, database, tableWriter);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return createWriter(context, BatchInserter.Sleeper.THREAD);
    }

    /** Tests pass a sleeper that records the back-off instead of waiting. */
    ClickHouseSinkWriter<T> createWriter(WriterInitContext context, BatchInserter.Sleeper sleeper) {
        SinkMetrics metrics = new SinkMetrics(context.metricGroup());
        BatchInserter<T> inserter = new BatchInserter<>(
                connections, database, tableWriter, options.retryPolicy(), badRowHandler, metrics, sleeper);
        BatchSender<T> sender = BatchSender.of(
                inserter,
                options.batchesInFlight(),
                "clickhouse-sink " + tableWriter.table() + " "
                        + context.getTaskInfo().getIndexOfThisSubtask());
        return new ClickHouseSinkWriter<>(sender, context.getProcessingTimeService(), options);
    }

    public SinkOptions options() {
        return options;
    }

    @Override
    public String toString() {
        return "ClickHouseSink{" + database + "." + tableWriter.table() + ", " + options + "}";
    }

    /** Builds a {@link ClickHouseSink}; options default to {@link SinkOptions#defaults()}, bad rows fail the job. */
    public static final class Builder<T> {
        private final ConnectionFactory connections;
        private final String database;
        private final TableWriter<T> tableWriter;
        private SinkOptions options = SinkOptions.defaults();
        private BadRowHandler<T> badRowHandler = BadRowHandler.failJob();

        private Builder(ConnectionFactory connections, String database, TableWriter<T> tableWriter) {
            this.connections = Objects.requireNonNull(connections, "connections");
            this.database = Objects.requireNonNull(database, "database");
            this.tableWriter = Objects.requireNonNull(tableWriter, "tableWriter");
        }

        public Builder<T> options(SinkOptions sinkOptions) {
            this.options = Objects.requireNonNull(sinkOptions, "options");
            return this;
        }

        public Builder<T> badRowHandler(BadRowHandler<T> handler) {
            this.badRowHandler = Objects.requireNonNull(handler, "badRowHandler");
            return this;
        }

        public ClickHouseSink<T> build() {
            return new ClickHouseSink<>(this);
        }
    }
}
