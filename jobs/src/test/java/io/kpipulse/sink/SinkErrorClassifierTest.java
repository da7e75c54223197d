package io.kpipulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.OptionalInt;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SinkErrorClassifierTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static SQLException serverError(int code, String text) {
        // The form the official driver produces: server text in the message, code in errorCode, SQLState 22000.
        return new SQLException("Code: " + code + ". DB::Exception: " + text + " (version 25.8.1.1)", "22000", code);
    }

    @Test
    void codeIsReadFromTheServerMessageAnywhereInTheCauseChain() {
        Exception wrapped = new RuntimeException(
                "insert failed",
                new SQLException("Code: 252. DB::Exception: Too many parts (300). Merges are processing significantly"
                        + " slower than inserts. (TOO_MANY_PARTS)"));
        assertEquals(OptionalInt.of(252), SinkErrorClassifier.clickHouseCode(wrapped));
        assertEquals(SinkErrorKind.RETRIABLE, SinkErrorClassifier.classify(wrapped));
    }

    @Test
    void codeIsReadFromTheDriversErrorCodeWhenTheMessageHasNone() {
        assertEquals(SinkErrorKind.FATAL, SinkErrorClassifier.classify(new SQLException("Unknown table", "22000", 60)));
        assertEquals(SinkErrorKind.BAD_DATA, SinkErrorClassifier.classify(new SQLException("bad", "22000", 53)));
    }

    @Test
    void transientServerConditionsAreRetriable() {
        for (int code : new int[] {159, 209, 210, 242, 252, 425, 999}) {
            assertEquals(
                    SinkErrorKind.RETRIABLE,
                    SinkErrorClassifier.classify(serverError(code, "transient")),
                    "code " + code);
        }
    }

    @Test
    void unparsableOrMismatchedValuesAreBadData() {
        for (int code : new int[] {6, 27, 38, 41, 53, 69, 70, 72, 117, 321, 349, 469}) {
            assertEquals(
                    SinkErrorKind.BAD_DATA,
                    SinkErrorClassifier.classify(serverError(code, "bad value")),
                    "code " + code);
        }
    }

    @Test
    void missingObjectsAuthAndSyntaxAreFatal() {
        for (int code : new int[] {16, 47, 60, 62, 81, 497, 516}) {
            assertEquals(
                    SinkErrorKind.FATAL,
                    SinkErrorClassifier.classify(serverError(code, "wrong setup")),
                    "code " + code);
        }
    }

    @Test
    void unlistedServerCodeIsFatal() {
        assertEquals(SinkErrorKind.FATAL, SinkErrorClassifier.classify(serverError(49, "Logical error")));
    }

    @Test
    void networkFailuresWithoutACodeAreRetriable() {
        assertEquals(
                SinkErrorKind.RETRIABLE,
                SinkErrorClassifier.classify(
                        new SQLException("Failed to connect", "08000", new ConnectException("Connection refused"))));
        assertEquals(
                SinkErrorKind.RETRIABLE,
                SinkErrorClassifier.classify(new RuntimeException(new SocketTimeoutException("Read timed out"))));
        assertEquals(
                SinkErrorKind.RETRIABLE,
                SinkErrorClassifier.classify(new SQLException("Server returned HTTP status 503 Service Unavailable")));
        assertEquals(SinkErrorKind.FATAL, SinkErrorClassifier.classify(new SQLException("Unsupported feature")));
    }

    @Test
    void realUnknownTableErrorFromTheServerIsFatal() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = CLICKHOUSE.newConnection();
                    Statement s = c.createStatement()) {
                s.execute("INSERT INTO no_such_table (id) VALUES (1)");
            }
        });
        assertEquals(OptionalInt.of(60), SinkErrorClassifier.clickHouseCode(e), e.getMessage());
        assertEquals(SinkErrorKind.FATAL, SinkErrorClassifier.classify(e));
    }

    @Test
    void realConstraintViolationFromTheServerIsBadData() throws Exception {
        String db = CLICKHOUSE.freshDatabase("classify");
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = CLICKHOUSE.newConnection(db);
                    Statement s = c.createStatement()) {
                TestRowTable.create(s);
                try (PreparedStatement p = c.prepareStatement(
                        "INSERT INTO " + db + ".test_rows (id, name, amount, version) VALUES (?, ?, ?, ?)")) {
                    new TestRowTable().bind(p, new TestRow(1, "x", -1, 1));
                    p.addBatch();
                    p.executeBatch();
                }
            }
        });
        assertEquals(SinkErrorKind.BAD_DATA, SinkErrorClassifier.classify(e), e.getMessage());
    }

    @Test
    void realParseFailureFromTheServerIsBadData() throws Exception {
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = CLICKHOUSE.newConnection();
                    Statement s = c.createStatement()) {
                s.executeQuery("SELECT toDateTime('not a time')").close();
            }
        });
        assertEquals(SinkErrorKind.BAD_DATA, SinkErrorClassifier.classify(e), e.getMessage());
    }

    @Test
    void realConnectionRefusedIsRetriable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Properties props = new Properties();
        props.setProperty("user", "default");
        props.setProperty("password", "");
        SQLException e = assertThrows(SQLException.class, () -> {
            try (Connection c = java.sql.DriverManager.getConnection(
                            "jdbc:clickhouse:http://127.0.0.1:" + closedPort, props);
                    Statement s = c.createStatement()) {
                s.execute("SELECT 1");
            }
        });
        assertEquals(SinkErrorKind.RETRIABLE, SinkErrorClassifier.classify(e), e.toString());
    }
}
