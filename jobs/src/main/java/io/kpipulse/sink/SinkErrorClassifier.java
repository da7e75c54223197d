package io.kpipulse.sink;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sorts insert failures into {@link SinkErrorKind}s. A ClickHouse error code, when there is one, decides;
 * it is read from the server's message ({@code Code: 60. DB::Exception: ...}) anywhere in the cause chain,
 * else from {@link SQLException#getErrorCode()} (the official JDBC driver puts the server code there).
 * Without a code, network-level failures (connection refused, timeouts, HTTP 5xx, any I/O error) are
 * retriable and everything else is fatal. An unlisted server code is fatal too: failing the job makes
 * Flink restart from the last checkpoint, so being conservative loses nothing but time, while retrying a
 * misclassified permanent error would only hide it.
 *
 * <p>Codes as named in ClickHouse's {@code src/Common/ErrorCodes.cpp}.
 */
public final class SinkErrorClassifier {

    private static final Pattern CODE = Pattern.compile("Code: (\\d{1,5})\\.");
    private static final Pattern HTTP_5XX = Pattern.compile("(?i)\\b(?:HTTP|status(?: code)?)\\D{0,12}(5\\d\\d)\\b");

    /** Transient server or network conditions. */
    static final Set<Integer> RETRIABLE_CODES = Set.of(
            3, // UNEXPECTED_END_OF_FILE: request body cut off in transit
            32, // ATTEMPT_TO_READ_AFTER_EOF: idem
            33, // CANNOT_READ_ALL_DATA: idem
            95, // CANNOT_READ_FROM_SOCKET
            96, // CANNOT_WRITE_TO_SOCKET
            159, // TIMEOUT_EXCEEDED
            202, // TOO_MANY_SIMULTANEOUS_QUERIES
            203, // NO_FREE_CONNECTION
            209, // SOCKET_TIMEOUT
            210, // NETWORK_ERROR
            225, // NO_ZOOKEEPER
            236, // ABORTED
            241, // MEMORY_LIMIT_EXCEEDED
            242, // TABLE_IS_READ_ONLY: replica lost its keeper session
            244, // UNEXPECTED_ZOOKEEPER_ERROR
            252, // TOO_MANY_PARTS: merges are behind; back-off lets them catch up
            254, // NO_ACTIVE_REPLICAS
            279, // ALL_CONNECTION_TRIES_FAILED
            285, // TOO_FEW_LIVE_REPLICAS
            286, // UNSATISFIED_QUORUM_FOR_PREVIOUS_WRITE
            319, // UNKNOWN_STATUS_OF_INSERT: rows are idempotent, so resending is safe
            364, // RECEIVED_ERROR_TOO_MANY_REQUESTS
            394, // QUERY_WAS_CANCELLED
            425, // SYSTEM_ERROR
            999, // KEEPER_EXCEPTION
            1000 // POCO_EXCEPTION: mostly network errors inside the server
            );

    /** A value in some row cannot be stored; the other rows can. */
    static final Set<Integer> BAD_DATA_CODES = Set.of(
            6, // CANNOT_PARSE_TEXT
            19, // SIZE_OF_FIXED_STRING_DOESNT_MATCH
            26, // CANNOT_PARSE_QUOTED_STRING
            27, // CANNOT_PARSE_INPUT_ASSERTION_FAILED
            38, // CANNOT_PARSE_DATE
            41, // CANNOT_PARSE_DATETIME
            53, // TYPE_MISMATCH
            69, // ARGUMENT_OUT_OF_BOUND
            70, // CANNOT_CONVERT_TYPE
            72, // CANNOT_PARSE_NUMBER
            117, // INCORRECT_DATA
            131, // TOO_LARGE_STRING_SIZE
            321, // VALUE_IS_OUT_OF_RANGE_OF_DATA_TYPE
            349, // CANNOT_INSERT_NULL_IN_ORDINARY_COLUMN
            376, // CANNOT_PARSE_UUID
            407, // DECIMAL_OVERFLOW
            441, // CANNOT_PARSE_DOMAIN_VALUE_FROM_STRING
            467, // CANNOT_PARSE_BOOL
            469 // VIOLATED_CONSTRAINT: a CHECK constraint rejected a row
            );

    /** Wrong deployment or wrong code: listed for the log message, though any unlisted code is fatal as well. */
    static final Set<Integer> FATAL_CODES = Set.of(
            8, // THERE_IS_NO_COLUMN
            16, // NO_SUCH_COLUMN_IN_TABLE
            20, // NUMBER_OF_COLUMNS_DOESNT_MATCH
            47, // UNKNOWN_IDENTIFIER
            60, // UNKNOWN_TABLE
            62, // SYNTAX_ERROR
            81, // UNKNOWN_DATABASE
            164, // READONLY: the user may not write
            192, // UNKNOWN_USER
            193, // WRONG_PASSWORD
            194, // REQUIRED_PASSWORD
            291, // DATABASE_ACCESS_DENIED
            497, // ACCESS_DENIED
            516 // AUTHENTICATION_FAILED
            );

    private SinkErrorClassifier() {}

    public static SinkErrorKind classify(Throwable failure) {
        OptionalInt code = clickHouseCode(failure);
        if (code.isPresent()) {
            return classifyCode(code.getAsInt());
        }
        return isTransportFailure(failure) ? SinkErrorKind.RETRIABLE : SinkErrorKind.FATAL;
    }

    public static SinkErrorKind classifyCode(int code) {
        if (RETRIABLE_CODES.contains(code)) {
            return SinkErrorKind.RETRIABLE;
        }
        if (BAD_DATA_CODES.contains(code)) {
            return SinkErrorKind.BAD_DATA;
        }
        return SinkErrorKind.FATAL;
    }

    /** The ClickHouse server error code carried by {@code failure} or its causes, if any. */
    public static OptionalInt clickHouseCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String message = t.getMessage();
            if (message != null) {
                Matcher m = CODE.matcher(message);
                if (m.find()) {
                    return OptionalInt.of(Integer.parseInt(m.group(1)));
                }
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // SQLState class 22 is what the driver uses for server errors; other classes reuse the field.
            if (t instanceof SQLException sql && sql.getErrorCode() > 0 && "22000".equals(sql.getSQLState())) {
                return OptionalInt.of(sql.getErrorCode());
            }
        }
        return OptionalInt.empty();
    }

    private static boolean isTransportFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException
                    || t instanceof SQLTransientException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true; // SQLState class 08: connection exception
            }
            String name = t.getClass().getSimpleName();
            if (name.equals("ConnectionInitiationException") || name.equals("DataTransferException")) {
                return true; // client-v2's wrappers for failures to reach or stream to the server
            }
            String message = t.getMessage();
            if (message != null) {
                if (HTTP_5XX.matcher(message).find()) {
                    return true;
                }
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("connection refused")
                        || lower.contains("connection reset")
                        || lower.contains("timed out")
                        || lower.contains("broken pipe")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A short name for logs and messages, e.g. {@code code 60 (FATAL)}. */
    public static String describe(Throwable failure) {
        OptionalInt code = clickHouseCode(failure);
        return (code.isPresent() ? "code " + code.getAsInt() + " " : "") + "(" + classify(failure) + ")";
    }
}
