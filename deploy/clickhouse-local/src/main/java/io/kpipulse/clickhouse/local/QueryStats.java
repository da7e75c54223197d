package io.kpipulse.clickhouse.local;

/**
 * Progress counters of one statement, as ClickHouse reports them in {@code X-ClickHouse-Summary}.
 * {@code readRows}/{@code readBytes} are what storage read; {@code resultRows}/{@code resultBytes} what was returned.
 */
public record QueryStats(
        long readRows,
        long readBytes,
        long writtenRows,
        long writtenBytes,
        long resultRows,
        long resultBytes,
        long elapsedNanos) {
    public static final QueryStats EMPTY = new QueryStats(0, 0, 0, 0, 0, 0, 0);

    QueryStats plus(QueryStats o) {
        return new QueryStats(
                readRows + o.readRows,
                readBytes + o.readBytes,
                writtenRows + o.writtenRows,
                writtenBytes + o.writtenBytes,
                resultRows + o.resultRows,
                resultBytes + o.resultBytes,
                elapsedNanos + o.elapsedNanos);
    }

    /** The same counters with the wall time of the whole request, which is what a server reports as elapsed_ns. */
    QueryStats withElapsedNanos(long nanos) {
        return new QueryStats(readRows, readBytes, writtenRows, writtenBytes, resultRows, resultBytes, nanos);
    }

    /** The JSON object ClickHouse puts in {@code X-ClickHouse-Summary}: every value is a string. */
    public String toSummaryJson() {
        return "{\"read_rows\":\"" + readRows + "\",\"read_bytes\":\"" + readBytes
                + "\",\"written_rows\":\"" + writtenRows + "\",\"written_bytes\":\"" + writtenBytes
                + "\",\"total_rows_to_read\":\"" + readRows + "\",\"result_rows\":\"" + resultRows
                + "\",\"result_bytes\":\"" + resultBytes + "\",\"elapsed_ns\":\"" + elapsedNanos + "\"}";
    }
}
