package io.kpipulse.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inserts one batch of rows into one table with a JDBC batch, applying the error policy:
 * <ul>
 *   <li>{@link SinkErrorKind#RETRIABLE}: drop the connection, back off, resend the whole batch, up to the
 *       {@link RetryPolicy}'s limit; then fail.</li>
 *   <li>{@link SinkErrorKind#BAD_DATA}: split the batch in halves and insert each, recursively, until the
 *       rejected rows stand alone; each goes to the {@link BadRowHandler}. A row whose binder throws is bad
 *       at once, without a round trip.</li>
 *   <li>{@link SinkErrorKind#FATAL}: fail at once.</li>
 * </ul>
 * Resending rows that ClickHouse may already have stored (a timeout after the server committed, the good
 * half of a bisected batch that partly landed) is safe only because the target tables are idempotent
 * (see {@link ClickHouseSink}). Not thread-safe: used by one thread at a time (see {@link BatchSender}).
 */
final class BatchInserter<T> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BatchInserter.class);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;

        Sleeper THREAD = duration -> Thread.sleep(duration.toMillis());
    }

    private final ConnectionFactory connections;
    private final TableWriter<T> tableWriter;
    private final String sql;
    private final RetryPolicy retryPolicy;
    private final BadRowHandler<T> badRowHandler;
    private final SinkMetrics metrics;
    private final Sleeper sleeper;
    private Connection connection;
    private PreparedStatement statement;

    BatchInserter(
            ConnectionFactory connections,
            String database,
            TableWriter<T> tableWriter,
            RetryPolicy retryPolicy,
            BadRowHandler<T> badRowHandler,
            SinkMetrics metrics,
            Sleeper sleeper) {
        this.connections = connections;
        this.tableWriter = tableWriter;
        this.sql = InsertStatement.sql(database, tableWriter.table(), tableWriter.columns());
        this.retryPolicy = retryPolicy;
        this.badRowHandler = badRowHandler;
        this.metrics = metrics;
        this.sleeper = sleeper;
    }

    /** Returns once every row is stored or handed to the bad-row handler; throws to fail the job. */
    void insert(List<T> rows) throws IOException, InterruptedException {
        if (rows.isEmpty()) {
            return;
        }
        List<BadRow<T>> unbindable = new ArrayList<>();
        SQLException rejection = sendWithRetries(rows, unbindable);
        for (BadRow<T> bad : unbindable) {
            reportBadRow(bad.row(), bad.cause());
        }
        if (rejection == null) {
            return;
        }
        List<T> sendable = withoutUnbindable(rows, unbindable);
        if (sendable.size() == 1) {
            reportBadRow(sendable.get(0), rejection);
            return;
        }
        LOG.debug(
                "{}: batch of {} rows has bad data ({}), bisecting",
                tableWriter.table(),
                sendable.size(),
                rejection.getMessage());
        int half = sendable.size() / 2;
        insert(sendable.subList(0, half));
        insert(sendable.subList(half, sendable.size()));
    }

    /**
     * Sends {@code rows} until it succeeds (returns null) or ClickHouse rejects their data (returns that
     * rejection); rows whose binder failed are collected in {@code unbindable} and left out.
     */
    private SQLException sendWithRetries(List<T> rows, List<BadRow<T>> unbindable)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            unbindable.clear();
            try {
                sendOnce(rows, unbindable);
                return null;
            } catch (SQLException | RuntimeException e) {
                SinkErrorKind kind = SinkErrorClassifier.classify(e);
                if (kind == SinkErrorKind.BAD_DATA) {
                    return e instanceof SQLException sql ? sql : new SQLException(e.getMessage(), e);
                }
                discardConnection();
                if (kind == SinkErrorKind.FATAL) {
                    metrics.fatalFailure();
                    LOG.error(
                            "{}: insert failed permanently, {}: {}",
                            tableWriter.table(),
                            SinkErrorClassifier.describe(e),
                            e.getMessage());
                    throw new ClickHouseSinkException(
                            "insert into " + tableWriter.table() + " failed with a " + "non-retriable error "
                                    + SinkErrorClassifier.describe(e) + ": " + e.getMessage(),
                            e);
                }
                metrics.retriableFailure();
                if (!retryPolicy.allowsAttemptAfter(attempt)) {
                    LOG.error(
                            "{}: insert of {} rows failed after {} attempts, last {}: {}",
                            tableWriter.table(),
                            rows.size(),
                            attempt,
                            SinkErrorClassifier.describe(e),
                            e.getMessage());
                    throw new ClickHouseSinkException(
                            "insert into " + tableWriter.table() + " failed after " + attempt + " attempts ("
                                    + retryPolicy + "): " + e.getMessage(),
                            e);
                }
                Duration backoff = retryPolicy.backoffAfter(attempt);
                LOG.warn(
                        "{}: insert of {} rows failed (attempt {} of {}), retrying in {} ms: {}",
                        tableWriter.table(),
                        rows.size(),
                        attempt,
                        retryPolicy.maxAttempts(),
                        backoff.toMillis(),
                        e.getMessage());
                metrics.retry();
                sleeper.sleep(backoff);
            }
        }
    }

    private void sendOnce(List<T> rows, List<BadRow<T>> unbindable) throws SQLException {
        long started = System.nanoTime();
        boolean[] bad = new boolean[rows.size()];
        int added;
        // The driver serialises each row into the batch buffer in addBatch(); a row that fails half-way
        // may leave a partial row there, so a binder failure restarts with a fresh statement.
        boolean restart;
        do {
            restart = false;
            added = 0;
            boolean clean = false;
            PreparedStatement statement = statement();
            try {
                for (int i = 0; i < rows.size() && !restart; i++) {
                    if (bad[i]) {
                        continue;
                    }
                    try {
                        tableWriter.bind(statement, rows.get(i));
                        statement.addBatch();
                        added++;
                    } catch (SQLException | RuntimeException e) {
                        bad[i] = true;
                        unbindable.add(new BadRow<>(rows.get(i), e));
                        restart = true;
                    }
                }
                if (!restart && added > 0) {
                    statement.executeBatch();
                }
                clean = !restart;
            } finally {
                if (!clean) {
                    discardStatement(); // its buffer may hold rows or part of one
                }
            }
        } while (restart);
        if (added > 0) {
            long latencyMs = (System.nanoTime() - started) / 1_000_000;
            metrics.batchWritten(added, latencyMs);
            LOG.debug("{}: inserted {} rows in {} ms", tableWriter.table(), added, latencyMs);
        }
    }

    private void reportBadRow(T row, Exception cause) throws IOException {
        metrics.badRow();
        LOG.error(
                "{}: row rejected, {}: {}",
                tableWriter.table(),
                SinkErrorClassifier.describe(cause),
                cause.getMessage());
        badRowHandler.handle(tableWriter.table(), row, cause);
    }

    private List<T> withoutUnbindable(List<T> rows, List<BadRow<T>> unbindable) {
        if (unbindable.isEmpty()) {
            return rows;
        }
        List<T> remaining = new ArrayList<>(rows.size());
        outer:
        for (T row : rows) {
            for (BadRow<T> bad : unbindable) {
                if (bad.row() == row) {
                    continue outer;
                }
            }
            remaining.add(row);
        }
        return remaining;
    }

    /**
     * The table's insert statement, prepared once per connection: preparing asks ClickHouse for the table's
     * schema, a round trip per batch otherwise. The driver empties its buffer after every executeBatch().
     */
    private PreparedStatement statement() throws SQLException {
        if (statement == null) {
            statement = connection().prepareStatement(sql);
        }
        return statement;
    }

    private void discardStatement() {
        if (statement != null) {
            closeQuietly(statement, "a statement");
            statement = null;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connections.open();
        }
        return connection;
    }

    /** After a failure the connection's state is unknown; the next attempt opens a new one. */
    private void discardConnection() {
        discardStatement();
        if (connection != null) {
            closeQuietly(connection, "a failed connection");
            connection = null;
        }
    }

    /** Its state is unknown already; a failure to close it changes nothing. */
    private void closeQuietly(AutoCloseable resource, String what) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debug("{}: closing {}: {}", tableWriter.table(), what, e.getMessage());
        }
    }

    @Override
    public void close() {
        discardConnection();
    }

    private record BadRow<T>(T row, Exception cause) {}
}
