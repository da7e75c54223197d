package io.kpipulse.clickhouse.local;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real engine behind the unchanged official JDBC driver, as the product will use it. */
class LocalClickHouseJdbcTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final int ROWS = 100_000;
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 1);
    /** Bytes a binary-unsafe path would break: NUL, line breaks, tabs, quotes, backslash, multi-byte UTF-8. */
    private static final String AWKWARD = "a\0b\nc\td'e\"f\\g 中文 ✓";

    private static final String TABLE_DDL = """
            CREATE TABLE kpi_values (
              day Date,
              ts DateTime('UTC'),
              ts_ms DateTime64(3, 'UTC'),
              tenant LowCardinality(String),
              employee String,
              value Float64,
              amount Decimal(18, 2),
              version UInt64,
              note Nullable(String),
              tags Array(String)
            ) ENGINE = ReplacingMergeTree(version)
            PARTITION BY toYYYYMM(day)
            ORDER BY (tenant, employee)""";

    private record Row(
            LocalDate day,
            LocalDateTime ts,
            LocalDateTime tsMs,
            String tenant,
            String employee,
            double value,
            BigDecimal amount,
            long version,
            String note,
            String[] tags) {
        static Row of(int i, long version) {
            LocalDate day = FIRST_DAY.plusDays(i % 90); // three monthly partitions
            LocalDateTime ts = day.atTime(i % 24, i % 60, (i * 7) % 60);
            return new Row(
                    day,
                    ts,
                    ts.plusNanos((i % 1000) * 1_000_000L),
                    "tenant-" + (i % 5),
                    String.format("e%06d", i),
                    i * 0.25 + version,
                    BigDecimal.valueOf(i * 100L + version, 2),
                    version,
                    i % 7 == 0 ? null : (i % 11 == 0 ? AWKWARD : "note " + i),
                    i % 13 == 0 ? new String[0] : new String[] {"t" + (i % 3), AWKWARD.substring(0, i % 5)});
        }
    }

    private static void insert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO kpi_values VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Row r : rows) {
                ps.setObject(1, r.day());
                ps.setObject(2, r.ts());
                ps.setObject(3, r.tsMs());
                ps.setString(4, r.tenant());
                ps.setString(5, r.employee());
                ps.setDouble(6, r.value());
                ps.setBigDecimal(7, r.amount());
                ps.setLong(8, r.version());
                ps.setString(9, r.note());
                ps.setArray(10, c.createArrayOf("String", r.tags()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Test
    void batchInsertOfEveryProductColumnTypeReadsBackExactlyAndFinalKeepsTheNewestVersion() throws Exception {
        String db = CLICKHOUSE.freshDatabase("roundtrip");
        try (Connection c = CLICKHOUSE.newConnection(db);
                Statement s = c.createStatement()) {
            s.execute(TABLE_DDL);
            List<Row> rows = new ArrayList<>(ROWS);
            for (int i = 0; i < ROWS; i++) {
                rows.add(Row.of(i, 1));
            }
            long start = System.nanoTime();
            insert(c, rows);
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("inserted %d rows in %.2f s (%.0f rows/s)%n", ROWS, seconds, ROWS / seconds);

            try (ResultSet rs = s.executeQuery("SELECT * FROM kpi_values ORDER BY employee")) {
                int i = 0;
                while (rs.next()) {
                    Row expected = rows.get(i);
                    assertEquals(expected.day(), rs.getObject("day", LocalDate.class), "day of row " + i);
                    assertEquals(expected.ts(), rs.getObject("ts", LocalDateTime.class), "ts of row " + i);
                    assertEquals(expected.tsMs(), rs.getObject("ts_ms", LocalDateTime.class), "ts_ms of row " + i);
                    assertEquals(expected.tenant(), rs.getString("tenant"));
                    assertEquals(expected.employee(), rs.getString("employee"));
                    assertEquals(expected.value(), rs.getDouble("value"));
                    assertEquals(expected.amount(), rs.getBigDecimal("amount"), "amount of row " + i);
                    assertEquals(expected.version(), rs.getLong("version"));
                    assertEquals(expected.note(), rs.getString("note"), "note of row " + i);
                    Array tags = rs.getArray("tags");
                    assertArrayEquals(expected.tags(), (Object[]) tags.getArray(), "tags of row " + i);
                    i++;
                }
                assertEquals(ROWS, i);
            }

            // A replayed write with a higher version replaces the row; FINAL shows only the newest version.
            List<Row> replay = new ArrayList<>();
            for (int i = 0; i < ROWS; i += 10_000) {
                replay.add(Row.of(i, 2));
            }
            insert(c, replay);
            try (ResultSet rs =
                    s.executeQuery("SELECT count(), countIf(version = 2), sum(amount) FROM kpi_values FINAL")) {
                assertTrue(rs.next());
                assertEquals(ROWS, rs.getLong(1));
                assertEquals(replay.size(), rs.getLong(2));
                BigDecimal expectedSum = rows.stream()
                        .map(Row::amount)
                        .reduce(BigDecimal.ZERO, BigDecimal::add)
                        .add(BigDecimal.valueOf(replay.size(), 2)); // each replayed amount is one cent more
                assertEquals(expectedSum, rs.getBigDecimal(3));
            }
            try (ResultSet rs = s.executeQuery("SELECT count() FROM kpi_values")) {
                assertTrue(rs.next());
                assertTrue(rs.getLong(1) >= ROWS, "without FINAL both versions may still be there");
            }
        }
    }

    @Test
    void boundParametersReachTheEngineAsValuesNotSql() throws Exception {
        String db = CLICKHOUSE.freshDatabase("params");
        try (Connection c = CLICKHOUSE.newConnection(db);
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE people (name String, score Int32) ENGINE = MergeTree ORDER BY name");
            s.execute("INSERT INTO people VALUES ('o''brien', 7), ('x', 1), ('y', 9)");
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT count(), sum(score) FROM people WHERE name = ? OR score > ?")) {
                ps.setString(1, "o'brien");
                ps.setInt(2, 8);
                try (ResultSet rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(2, rs.getLong(1));
                    assertEquals(16, rs.getLong(2));
                }
            }
        }
        // The HTTP form: param_x binds {x:Type} inside the engine, so a quote in the value is just data.
        HttpResponse<String> r =
                get("query=" + enc("SELECT {s:String}, {n:UInt8} + 1") + "&param_s=" + enc("1' OR '1") + "&param_n=41");
        assertEquals(200, r.statusCode());
        assertEquals("1\\' OR \\'1\t42\n", r.body());
    }

    @Test
    void badQuerySurfacesAsSqlExceptionWithClickHouseCodeAndText() throws Exception {
        try (Connection c = CLICKHOUSE.newConnection();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> s.executeQuery("SELEC 1"));
            assertTrue(e.getMessage().contains("Code: 62"), e.getMessage());
            assertTrue(e.getMessage().contains("SYNTAX_ERROR"), e.getMessage());
            SQLException missing = assertThrows(SQLException.class, () -> s.executeQuery("SELECT * FROM no_such_db.t"));
            assertTrue(missing.getMessage().contains("Code: 81"), missing.getMessage());
            // The connection stays usable after errors.
            try (ResultSet rs = s.executeQuery("SELECT 1")) {
                assertTrue(rs.next());
                assertEquals(1, rs.getInt(1));
            }
        }
        HttpResponse<String> r = get("query=" + enc("SELEC 1"));
        assertEquals(400, r.statusCode()); // as a server maps SYNTAX_ERROR
        assertEquals("62", r.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        assertTrue(r.body().startsWith("Code: 62. DB::Exception: "), r.body());
        assertTrue(r.body().contains("(SYNTAX_ERROR) (version 26."), r.body());
    }

    @Test
    void concurrentQueriesFromSeveralThreadsEachGetTheirOwnAnswer() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> answers = new ArrayList<>();
            for (int t = 0; t < 6; t++) {
                int n = 100_000 + t;
                answers.add(pool.submit(() -> {
                    long last = -1;
                    try (Connection c = CLICKHOUSE.newConnection();
                            Statement s = c.createStatement()) {
                        for (int k = 0; k < 15; k++) {
                            try (ResultSet rs = s.executeQuery("SELECT sum(number) FROM numbers(" + (n + k) + ")")) {
                                assertTrue(rs.next());
                                long expected = (long) (n + k) * (n + k - 1) / 2;
                                assertEquals(expected, rs.getLong(1));
                                last = rs.getLong(1);
                            }
                        }
                    }
                    return last;
                }));
            }
            for (int t = 0; t < answers.size(); t++) {
                long n = 100_000 + t + 14;
                assertEquals(n * (n - 1) / 2, answers.get(t).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void pingAndVersionAnswerOverPlainHttp() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ping = http.send(
                HttpRequest.newBuilder(URI.create(CLICKHOUSE.server().httpUrl() + "/ping"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ping.statusCode());
        assertEquals("Ok.\n", ping.body());

        HttpResponse<String> version = get("query=SELECT+version()");
        assertEquals(200, version.statusCode());
        assertTrue(version.body().startsWith("26."), version.body());
        assertEquals(
                "TabSeparated",
                version.headers().firstValue("X-ClickHouse-Format").orElseThrow());
        assertEquals(
                "UTC", version.headers().firstValue("X-ClickHouse-Timezone").orElseThrow());
        assertFalse(version.headers()
                .firstValue("X-ClickHouse-Query-Id")
                .orElseThrow()
                .isBlank());
        assertTrue(version.headers()
                .firstValue("X-ClickHouse-Summary")
                .orElseThrow()
                .contains("\"result_rows\":\"1\""));

        HttpResponse<String> own = get("query=" + enc("SELECT 1 AS x FORMAT JSONEachRow") + "&query_id=abc");
        assertEquals("{\"x\":1}\n", own.body());
        assertEquals(
                "JSONEachRow", own.headers().firstValue("X-ClickHouse-Format").orElseThrow());
        assertEquals("abc", own.headers().firstValue("X-ClickHouse-Query-Id").orElseThrow());
    }

    @Test
    void insertStatementAtTheHeadOfTheBodyKeepsItsDataIntact() throws Exception {
        String db = CLICKHOUSE.freshDatabase("bodyinsert");
        HttpClient http = HttpClient.newHttpClient();
        String base = CLICKHOUSE.server().httpUrl() + "/?database=" + db;
        post(http, base, "CREATE TABLE t (a UInt32, s String) ENGINE = MergeTree ORDER BY a");
        post(http, base, "INSERT INTO t FORMAT TabSeparated\n1\ta\\tb\n2\t\\0x\n");
        post(http, base + "&query=" + enc("INSERT INTO t VALUES"), "(3, 'c''d')");
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base + "&query=" + enc("SELECT a, hex(s) FROM t ORDER BY a")))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("1\t610962\n2\t0078\n3\t632764\n", r.body());
    }

    private static void post(HttpClient http, String url, String body) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    private static HttpResponse<String> get(String rawQuery) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(CLICKHOUSE.server().httpUrl() + "/?" + rawQuery))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
