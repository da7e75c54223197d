package io.kpipulse.clickhouse.local;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One chDB connection. A connection runs one statement at a time and keeps session state ({@code USE},
 * {@code SET}) between statements, so it is used by one thread at a time (the pool guarantees that).
 */
public final class ChdbConnection implements AutoCloseable {
    private final ChdbNative lib;
    private final Pointer connectionPointer;
    private final Pointer handle;
    private boolean closed;

    ChdbConnection(ChdbNative lib, Pointer connectionPointer) {
        this.lib = lib;
        this.connectionPointer = connectionPointer;
        this.handle = connectionPointer.getPointer(0);
    }

    /** A whole result held in memory. */
    public record Result(byte[] data, QueryStats stats) {}

    /** Runs one statement and returns its whole output in {@code format}; {@code params} bind {@code {name:Type}}. */
    public Result query(String sql, String format, Map<String, String> params) throws ChdbException {
        return query(sql.getBytes(StandardCharsets.UTF_8), format, params);
    }

    public Result query(byte[] sql, String format, Map<String, String> params) throws ChdbException {
        byte[] f = format.getBytes(StandardCharsets.US_ASCII);
        Pointer result;
        if (params.isEmpty()) {
            result = lib.chdb_query_n(handle, sql, sql.length, f, f.length);
        } else {
            Params p = new Params(params);
            result = lib.chdb_query_with_params_n(
                    handle, sql, sql.length, f, f.length, p.names, p.nameLens, p.values, p.valueLens, p.count);
        }
        try {
            checkError(result);
            return new Result(buffer(result), stats(result));
        } finally {
            lib.chdb_destroy_query_result(result);
        }
    }

    /**
     * Starts a streaming SELECT: the engine produces the result in chunks that {@link QueryStream#next()} hands
     * out, so a large result never sits in memory whole.
     */
    public QueryStream streamQuery(String sql, String format, Map<String, String> params) throws ChdbException {
        byte[] q = sql.getBytes(StandardCharsets.UTF_8);
        byte[] f = format.getBytes(StandardCharsets.US_ASCII);
        Pointer stream;
        if (params.isEmpty()) {
            stream = lib.chdb_stream_query_n(handle, q, q.length, f, f.length);
        } else {
            Params p = new Params(params);
            stream = lib.chdb_stream_query_with_params_n(
                    handle, q, q.length, f, f.length, p.names, p.nameLens, p.values, p.valueLens, p.count);
        }
        String error = stream == null ? "chdb_stream_query_n returned no handle" : lib.chdb_result_error(stream);
        if (error != null) {
            if (stream != null) {
                lib.chdb_destroy_query_result(stream);
            }
            throw new ChdbException(error);
        }
        return new QueryStream(stream);
    }

    /** An open streaming SELECT; {@link #close()} cancels it if it was not read to the end. */
    public final class QueryStream implements AutoCloseable {
        private final Pointer stream;
        private boolean finished;
        private boolean closed;

        private QueryStream(Pointer stream) {
            this.stream = stream;
        }

        /** The next chunk with its counters, or {@code null} at the end of the result. */
        public Result next() throws ChdbException {
            if (finished) {
                return null;
            }
            Pointer chunk = lib.chdb_stream_fetch_result(handle, stream);
            try {
                checkError(chunk);
                byte[] data = buffer(chunk);
                if (data.length == 0) {
                    finished = true;
                    return null;
                }
                return new Result(data, stats(chunk));
            } catch (ChdbException e) {
                finished = true;
                throw e;
            } finally {
                if (chunk != null) {
                    lib.chdb_destroy_query_result(chunk);
                }
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            if (!finished) {
                lib.chdb_stream_cancel_query(handle, stream);
            }
            lib.chdb_destroy_query_result(stream);
        }
    }

    /**
     * Starts a streaming INSERT of data in {@code format}. The data never passes through the SQL text, which is
     * what keeps binary formats (RowBinary, Native, Parquet) intact.
     *
     * @param insertHead the statement without FORMAT clause or data, e.g. {@code INSERT INTO t (a, b)}
     */
    public InsertStream insert(String insertHead, String format, Map<String, String> params) throws ChdbException {
        byte[] q = insertHead.getBytes(StandardCharsets.UTF_8);
        byte[] f = format.getBytes(StandardCharsets.US_ASCII);
        Pointer stream;
        if (params.isEmpty()) {
            stream = lib.chdb_stream_insert_n(handle, q, q.length, f, f.length);
        } else {
            Params p = new Params(params);
            stream = lib.chdb_stream_insert_with_params_n(
                    handle, q, q.length, f, f.length, p.names, p.nameLens, p.values, p.valueLens, p.count);
        }
        String error = lib.chdb_stream_insert_error(stream);
        if (error != null) {
            lib.chdb_destroy_insert_stream(stream);
            throw new ChdbException(error);
        }
        return new InsertStream(stream);
    }

    /** An open streaming INSERT: append chunks, then {@link #finish()}; {@link #close()} cancels if unfinished. */
    public final class InsertStream implements AutoCloseable {
        private final Pointer stream;
        private boolean closed;

        private InsertStream(Pointer stream) {
            this.stream = stream;
        }

        public void append(byte[] data, int length) throws ChdbException {
            if (length == 0) {
                return;
            }
            if (lib.chdb_stream_append(stream, data, length) != 0) {
                String error = lib.chdb_stream_insert_error(stream);
                throw new ChdbException(error == null ? "streaming insert rejected data" : error);
            }
        }

        /** Commits the insert; the returned counters carry the rows written. */
        public QueryStats finish() throws ChdbException {
            Pointer result = lib.chdb_stream_done(stream);
            try {
                checkError(result);
                return stats(result);
            } finally {
                if (result != null) {
                    lib.chdb_destroy_query_result(result);
                }
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                lib.chdb_destroy_insert_stream(stream); // cancels first if not finalized
            }
        }
    }

    private void checkError(Pointer result) throws ChdbException {
        if (result == null) {
            throw new ChdbException("chDB returned no result (connection closed?)");
        }
        String error = lib.chdb_result_error(result);
        if (error != null) {
            throw new ChdbException(error);
        }
    }

    private byte[] buffer(Pointer result) {
        long length = lib.chdb_result_length(result);
        Pointer buffer = lib.chdb_result_buffer(result);
        if (length <= 0 || buffer == null) {
            return new byte[0];
        }
        if (length > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException(
                    "result of " + length + " bytes exceeds a Java array; use a streaming SELECT");
        }
        return buffer.getByteArray(0, (int) length);
    }

    private QueryStats stats(Pointer result) {
        return new QueryStats(
                lib.chdb_result_storage_rows_read(result),
                lib.chdb_result_storage_bytes_read(result),
                lib.chdb_result_rows_written(result),
                lib.chdb_result_bytes_written(result),
                lib.chdb_result_rows_read(result),
                lib.chdb_result_bytes_read(result),
                (long) (lib.chdb_result_elapsed(result) * 1e9));
    }

    /** Parameter arrays in native memory, names and values as UTF-8 with explicit lengths. */
    private static final class Params {
        final Pointer names;
        final Pointer values;
        final long[] nameLens;
        final long[] valueLens;
        final long count;

        @SuppressWarnings("unused") // keeps the string memory alive while the pointer arrays are in use
        private final Memory[] keepAlive;

        Params(Map<String, String> params) {
            int n = params.size();
            count = n;
            nameLens = new long[n];
            valueLens = new long[n];
            keepAlive = new Memory[2 * n + 2];
            Memory nameArray = new Memory((long) POINTER_SIZE * n);
            Memory valueArray = new Memory((long) POINTER_SIZE * n);
            int i = 0;
            for (Map.Entry<String, String> e : params.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                byte[] value = e.getValue().getBytes(StandardCharsets.UTF_8);
                Memory nm = copy(name);
                Memory vm = copy(value);
                keepAlive[2 * i] = nm;
                keepAlive[2 * i + 1] = vm;
                nameArray.setPointer((long) POINTER_SIZE * i, nm);
                valueArray.setPointer((long) POINTER_SIZE * i, vm);
                nameLens[i] = name.length;
                valueLens[i] = value.length;
                i++;
            }
            keepAlive[2 * n] = nameArray;
            keepAlive[2 * n + 1] = valueArray;
            names = nameArray;
            values = valueArray;
        }

        private static Memory copy(byte[] bytes) {
            Memory m = new Memory(Math.max(1, bytes.length + 1));
            m.write(0, bytes, 0, bytes.length);
            m.setByte(bytes.length, (byte) 0);
            return m;
        }

        private static final int POINTER_SIZE = com.sun.jna.Native.POINTER_SIZE;
    }

    /** Closes this connection. The engine stays up: {@link ChdbEngine} keeps its own connection open. */
    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            lib.chdb_close_conn(connectionPointer);
        }
    }
}
