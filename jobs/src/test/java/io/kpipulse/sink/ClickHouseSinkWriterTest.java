package io.kpipulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The writer against a real ClickHouse, driven directly: flushes are the checkpoints. */
class ClickHouseSinkWriterTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final RetryPolicy FAST_RETRIES = RetryPolicy.limited(3, Duration.ofMillis(1), Duration.ofMillis(2));

    private ClickHouseConnector connector;
    private FlakyConnections connections;
    private final TestWriterContext context = new TestWriterContext();
    private final List<Duration> backoffs = new ArrayList<>();
    private final List<TestRow> badRows = new ArrayList<>();
    private ClickHouseSinkWriter<TestRow> writer;

    @BeforeEach
    void createTable() throws SQLException {
        String database = CLICKHOUSE.freshDatabase("sink");
        connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), database, "default", "", true);
        connections = new FlakyConnections(ConnectionFactory.of(connector));
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            TestRowTable.create(s);
        }
    }

    @AfterEach
    void closeWriter() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }

    private ClickHouseSinkWriter<TestRow> writer(TableWriter<TestRow> table, SinkOptions options) {
        ClickHouseSink<TestRow> sink = ClickHouseSink.builder(connections, connector.database(), table)
                .options(options)
                .badRowHandler((t, row, cause) -> badRows.add(row))
                .build();
        writer = sink.createWriter(context, backoffs::add);
        return writer;
    }

    private ClickHouseSinkWriter<TestRow> writer(SinkOptions options) {
        return writer(new TestRowTable(), options);
    }

    private static List<TestRow> rows(long from, long to, long version) {
        return LongStream.range(from, to)
                .mapToObj(i -> new TestRow(i, "row-" + i, (int) (i % 1000), version))
                .toList();
    }

    private void writeAll(List<TestRow> rows) throws Exception {
        for (TestRow row : rows) {
            writer.write(row, null);
        }
    }

    private long query(String sql) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }

    @Test
    void rowsAreDurableAfterFlush() throws Exception {
        writer(SinkOptions.defaults().withRetryPolicy(FAST_RETRIES));
        writeAll(rows(0, 1_000, 1));
        assertEquals(0, query("SELECT count() FROM test_rows"), "nothing is sent before the batch is full or a flush");

        writer.flush(false);

        assertEquals(1_000, query("SELECT count() FROM test_rows"));
        assertEquals(1_000, query("SELECT uniqExact(id) FROM test_rows"));
        assertEquals(1_000, context.counter("rowsWritten"));
        assertEquals(1, context.counter("batchesWritten"));
        assertEquals(0, writer.bufferedRows());
    }

    @Test
    void fullBatchIsInsertedWithoutWaitingForAFlush() throws Exception {
        // The batching policy itself: batches inserted on this thread, so there is nothing to wait for.
        writer(SinkOptions.defaults().withBatchSize(100).withBatchesInFlight(0));
        writeAll(rows(0, 250, 1));

        assertEquals(200, query("SELECT count() FROM test_rows"));
        assertEquals(50, writer.bufferedRows());
        assertEquals(2, context.counter("batchesWritten"));
    }

    @Test
    void batchesOnOneConnectionShareOnePreparedStatement() throws Exception {
        // Preparing asks ClickHouse for the table's schema: once per connection, not once per batch.
        writer(SinkOptions.defaults().withBatchSize(100).withBatchesInFlight(0));
        writeAll(rows(0, 350, 1));
        writer.flush(false);

        assertEquals(350, query("SELECT count() FROM test_rows"));
        assertEquals(350, query("SELECT uniqExact(id) FROM test_rows"));
        assertEquals(4, context.counter("batchesWritten"));
        assertEquals(1, connections.statementsPrepared());
    }

    @Test
    void bufferedRowsAreInsertedWhenTheFlushIntervalHasPassedSinceTheFirstOne() throws Exception {
        writer(SinkOptions.defaults().withFlushInterval(Duration.ofMillis(200)).withBatchesInFlight(0));
        context.time.advanceTo(1_000);
        writer.write(new TestRow(1, "a", 1, 1), null);
        context.time.advanceTo(1_150);
        writer.write(new TestRow(2, "b", 2, 1), null);

        context.time.advanceTo(1_199);
        assertEquals(0, query("SELECT count() FROM test_rows"));
        context.time.advanceTo(1_200);
        assertEquals(2, query("SELECT count() FROM test_rows"));
        assertEquals(0, context.time.pendingTimers(), "an empty buffer needs no timer");
    }

    @Test
    void replayingTheSameRowsLeavesTheFinalResultUnchanged() throws Exception {
        writer(SinkOptions.defaults());
        writeAll(rows(0, 500, 7));
        writer.flush(false);
        long checksum = query("SELECT sum(cityHash64(id, name, amount, version) % 1000000007) FROM test_rows FINAL");

        // A restart from a checkpoint replays the same inputs: same keys, same versions.
        writeAll(rows(0, 500, 7));
        writer.flush(true);

        assertEquals(1_000, query("SELECT count() FROM test_rows"), "duplicates exist until merged");
        assertEquals(500, query("SELECT count() FROM test_rows FINAL"));
        assertEquals(
                checksum, query("SELECT sum(cityHash64(id, name, amount, version) % 1000000007) FROM test_rows FINAL"));
        assertEquals(
                rows(0, 500, 7).stream().mapToLong(TestRow::amount).sum(),
                query("SELECT sum(amount) FROM test_rows FINAL"));
    }

    @Test
    void newerVersionOfAKeyReplacesTheOlderOne() throws Exception {
        writer(SinkOptions.defaults());
        writer.write(new TestRow(1, "old", 10, 1), null);
        writer.flush(false);
        writer.write(new TestRow(1, "new", 20, 2), null);
        writer.write(new TestRow(1, "old", 10, 1), null); // a late replay of the old version
        writer.flush(false);

        assertEquals(20, query("SELECT amount FROM test_rows FINAL WHERE id = 1"));
    }

    @Test
    void transientFailureIsRetriedWithBackoffAndSucceeds() throws Exception {
        writer(SinkOptions.defaults().withRetryPolicy(FAST_RETRIES));
        connections.failNextAttempts(2);
        writeAll(rows(0, 100, 1));

        writer.flush(false);

        assertEquals(100, query("SELECT count() FROM test_rows"));
        assertEquals(2, context.counter("retries"));
        assertEquals(2, context.counter("retriableFailures"));
        assertEquals(List.of(Duration.ofMillis(1), Duration.ofMillis(2)), backoffs);
        assertEquals(3, connections.connectionsOpened(), "a failed connection is replaced");
    }

    @Test
    void batchesInsertedInTheBackgroundAreAllStoredWhenTheFlushReturns() throws Exception {
        writer(SinkOptions.defaults().withBatchSize(100));
        // Twenty batches through a queue of two: writes wait for room, the flush for the rest.
        writeAll(rows(0, 2_000, 1));
        writer.flush(false);

        assertEquals(2_000, query("SELECT count() FROM test_rows FINAL"));
        assertEquals(20, context.counter("batchesWritten"));
        assertEquals(0, writer.bufferedRows());
    }

    @Test
    void aBatchThatFailsInTheBackgroundFailsALaterWriteBeforeAnyFlush() throws Exception {
        writer(SinkOptions.defaults().withBatchSize(10).withRetryPolicy(FAST_RETRIES));
        connections.failNextAttempts(Integer.MAX_VALUE);
        writeAll(rows(0, 10, 1));

        long deadline = System.nanoTime() + 10_000_000_000L;
        ClickHouseSinkException failure = null;
        for (long id = 10; failure == null && System.nanoTime() < deadline; id += 10) {
            Thread.sleep(20);
            try {
                writeAll(rows(id, id + 10, 1));
            } catch (ClickHouseSinkException e) {
                failure = e;
            }
        }
        assertTrue(failure != null && failure.getMessage().contains("after 3 attempts"), String.valueOf(failure));
    }

    @Test
    void persistentRetriableFailureFailsAfterTheAttemptLimit() throws Exception {
        writer(SinkOptions.defaults().withRetryPolicy(FAST_RETRIES));
        connections.failNextAttempts(Integer.MAX_VALUE);
        writeAll(rows(0, 100, 1));

        ClickHouseSinkException e = assertThrows(ClickHouseSinkException.class, () -> writer.flush(false));

        assertTrue(e.getMessage().contains("after 3 attempts"), e.getMessage());
        assertEquals(2, context.counter("retries"));
        assertEquals(3, context.counter("retriableFailures"));
        assertEquals(0, query("SELECT count() FROM test_rows"));
    }

    @Test
    void rowRejectedByTheServerGoesToTheHandlerAndTheRestAreStored() throws Exception {
        writer(SinkOptions.defaults());
        List<TestRow> rows = new ArrayList<>(rows(0, 100, 1));
        TestRow negative = new TestRow(42, "negative", -5, 1);
        rows.set(42, negative);
        writeAll(rows);

        writer.flush(false);

        assertEquals(List.of(negative), badRows);
        assertEquals(99, query("SELECT count() FROM test_rows FINAL"));
        assertEquals(0, query("SELECT count() FROM test_rows WHERE id = 42"));
        assertEquals(1, context.counter("badRows"));
        assertEquals(0, context.counter("retries"), "bad data is not retried");
    }

    @Test
    void rowWhoseBinderFailsGoesToTheHandlerWithoutARoundTrip() throws Exception {
        writer(new TestRowTable().failingToBind(Set.of(3L, 7L)), SinkOptions.defaults());
        writeAll(rows(0, 10, 1));

        writer.flush(false);

        assertEquals(List.of(3L, 7L), badRows.stream().map(TestRow::id).toList());
        assertEquals(8, query("SELECT count() FROM test_rows"));
        assertEquals(1, context.counter("batchesWritten"));

        // The statement a binder failed in is not reused: the next batch holds its own rows and nothing else.
        writeAll(rows(10, 20, 1));
        writer.flush(false);
        assertEquals(18, query("SELECT count() FROM test_rows"));
        assertEquals(18, query("SELECT uniqExact(id) FROM test_rows"));
        assertEquals(0, query("SELECT count() FROM test_rows WHERE id IN (3, 7)"));
    }

    @Test
    void defaultBadRowHandlerFailsTheJobNamingTheTableAndTheRow() throws Exception {
        ClickHouseSink<TestRow> sink = ClickHouseSink.builder(connections, connector.database(), new TestRowTable())
                .build();
        writer = sink.createWriter(context, backoffs::add);
        writer.write(new TestRow(1, "fine", 1, 1), null);
        writer.write(new TestRow(2, "negative", -1, 1), null);

        ClickHouseSinkException e = assertThrows(ClickHouseSinkException.class, () -> writer.flush(false));

        assertTrue(e.getMessage().contains("test_rows"), e.getMessage());
        assertTrue(e.getMessage().contains("TestRow[id=2, name=negative"), e.getMessage());
        assertEquals(1, query("SELECT count() FROM test_rows"));
    }

    /** Not a test: {@code -Dkpi.benchmark=true} prints the writer's own rows/s for 100,000 rows, no Flink job around it. */
    @Test
    @org.junit.jupiter.api.condition.EnabledIfSystemProperty(named = "kpi.benchmark", matches = "true")
    void writerThroughputOfOneHundredThousandRows() throws Exception {
        writer(SinkOptions.defaults());
        List<TestRow> rows = rows(0, 100_000, 1);
        long started = System.nanoTime();
        writeAll(rows);
        writer.flush(true);
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(100_000, query("SELECT count() FROM test_rows"));
        System.out.printf(
                "BENCHMARK writer 100000 rows in %.2f s = %.0f rows/s, %d batches, last batch %s ms%n",
                seconds, 100_000 / seconds, context.counter("batchesWritten"), context.gauge("lastBatchLatencyMs"));
    }

    @Test
    void unknownTableIsFatalWithoutRetries() throws Exception {
        writer(
                new TestRowTable().withTable("no_such_table"),
                SinkOptions.defaults().withRetryPolicy(FAST_RETRIES));
        writeAll(rows(0, 10, 1));

        ClickHouseSinkException e = assertThrows(ClickHouseSinkException.class, () -> writer.flush(false));

        assertTrue(e.getMessage().contains("no_such_table"), e.getMessage());
        assertEquals(1, context.counter("fatalFailures"));
        assertEquals(0, context.counter("retries"));
        assertTrue(backoffs.isEmpty());
    }
}
