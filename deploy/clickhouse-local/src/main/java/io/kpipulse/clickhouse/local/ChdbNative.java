package io.kpipulse.clickhouse.local;

import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * JNA view of the chDB C API, transcribed from chDB 26.7's {@code programs/local/chdb.h}.
 *
 * <p>Handles: {@code chdb_connect} returns a {@code chdb_connection*} (a pointer to the handle);
 * every query function takes the handle itself ({@code *conn}); {@code chdb_close_conn} takes the
 * pointer again. {@code size_t} is mapped to {@code long} (64-bit Linux only, like the library).
 * Query text and format go in as byte arrays with explicit lengths, the binary-safe {@code _n} variants.
 */
interface ChdbNative extends Library {

    /** Must run before the first connect: the JVM relies on its own SIGSEGV/SIGBUS handlers. */
    void chdb_set_signal_handlers_enabled(int enabled);

    String chdb_version();

    Pointer chdb_connect(int argc, String[] argv);

    void chdb_close_conn(Pointer connectionPointer);

    Pointer chdb_query_n(Pointer conn, byte[] query, long queryLen, byte[] format, long formatLen);

    Pointer chdb_query_with_params_n(
            Pointer conn,
            byte[] query,
            long queryLen,
            byte[] format,
            long formatLen,
            Pointer paramNames,
            long[] paramNameLens,
            Pointer paramValues,
            long[] paramValueLens,
            long paramCount);

    Pointer chdb_stream_query_n(Pointer conn, byte[] query, long queryLen, byte[] format, long formatLen);

    Pointer chdb_stream_query_with_params_n(
            Pointer conn,
            byte[] query,
            long queryLen,
            byte[] format,
            long formatLen,
            Pointer paramNames,
            long[] paramNameLens,
            Pointer paramValues,
            long[] paramValueLens,
            long paramCount);

    Pointer chdb_stream_fetch_result(Pointer conn, Pointer streamResult);

    void chdb_stream_cancel_query(Pointer conn, Pointer streamResult);

    void chdb_destroy_query_result(Pointer result);

    Pointer chdb_stream_insert_n(Pointer conn, byte[] query, long queryLen, byte[] format, long formatLen);

    Pointer chdb_stream_insert_with_params_n(
            Pointer conn,
            byte[] query,
            long queryLen,
            byte[] format,
            long formatLen,
            Pointer paramNames,
            long[] paramNameLens,
            Pointer paramValues,
            long[] paramValueLens,
            long paramCount);

    /** Returns chdb_state: 0 = success, 1 = error (see {@link #chdb_stream_insert_error}). */
    int chdb_stream_append(Pointer stream, byte[] data, long len);

    Pointer chdb_stream_done(Pointer stream);

    void chdb_stream_cancel_insert(Pointer stream);

    String chdb_stream_insert_error(Pointer stream);

    void chdb_destroy_insert_stream(Pointer stream);

    Pointer chdb_result_buffer(Pointer result);

    long chdb_result_length(Pointer result);

    double chdb_result_elapsed(Pointer result);

    long chdb_result_rows_read(Pointer result);

    long chdb_result_bytes_read(Pointer result);

    long chdb_result_storage_rows_read(Pointer result);

    long chdb_result_storage_bytes_read(Pointer result);

    long chdb_result_rows_written(Pointer result);

    long chdb_result_bytes_written(Pointer result);

    String chdb_result_error(Pointer result);

    /** The two libc calls that pin the engine's time zone: it reads TZ from the process environment. */
    interface LibC extends Library {
        int setenv(String name, String value, int overwrite);

        void tzset();
    }
}
