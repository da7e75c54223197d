package io.kpipulse.clickhouse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.luben.zstd.ZstdOutputStream;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The local server against clients nobody here wrote (the JDK's HTTP client, a raw socket speaking HTTP/1.1,
 * the official JDBC driver), on each point where it once differed from a ClickHouse server.
 */
class HttpInterfaceFidelityTest {
    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** About 9 bytes a row in TSV: the error comes after well over 4 MiB, when the response is streaming. */
    private static final String FAILS_LATE =
            "SELECT number, throwIf(number = 2000000, 'late failure') FROM numbers(3000000)";

    @Test
    void errorAfterTheResultStartedStreamingEndsTheResponseWithoutAFinalChunk() throws Exception {
        RawResponse raw = rawPost("/?max_block_size=8192", FAILS_LATE);
        assertEquals(200, raw.status()); // the headers were out before the error happened
        assertTrue(raw.head().toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked"), raw.head());
        String tag = raw.header("X-ClickHouse-Exception-Tag");
        assertTrue(tag.matches("[a-z0-9]{16}"), tag);
        String tail = raw.tail(2000);
        assertTrue(tail.contains("__exception__\r\n" + tag + "\r\n"), tail);
        assertTrue(tail.contains("Code: 395."), tail);
        assertTrue(tail.contains("late failure"), tail);
        assertFalse(tail.endsWith("0\r\n\r\n"), "a clean final chunk would make a truncated result look complete");

        // The JDK client and the JDBC driver both see a failure, not a short result.
        HttpRequest request = HttpRequest.newBuilder(url("/?max_block_size=8192"))
                .POST(HttpRequest.BodyPublishers.ofString(FAILS_LATE))
                .build();
        assertThrows(IOException.class, () -> HTTP.send(request, HttpResponse.BodyHandlers.ofString()));
        try (Connection c = CLICKHOUSE.newConnection();
                Statement s = c.createStatement()) {
            SQLException e = assertThrows(SQLException.class, () -> {
                try (ResultSet rs = s.executeQuery(FAILS_LATE + " SETTINGS max_block_size = 8192")) {
                    while (rs.next()) {
                        rs.getLong(1);
                    }
                }
            });
            assertTrue(String.valueOf(e.getMessage()).length() > 0);
        }
    }

    @Test
    void waitEndOfQueryBuffersTheWholeResultSoALateErrorIsAProperErrorResponse() throws Exception {
        HttpResponse<String> failing = post("/?max_block_size=8192&wait_end_of_query=1", FAILS_LATE);
        assertEquals(500, failing.statusCode());
        assertEquals(
                "395",
                failing.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        assertTrue(failing.body().startsWith("Code: 395."), failing.body());

        String big = "SELECT number FROM numbers(1000000)"; // 6.9 MB of TSV: more than is buffered by default
        HttpResponse<String> whole = post("/?wait_end_of_query=1", big);
        assertEquals(200, whole.statusCode());
        assertEquals(
                Long.toString(whole.body().getBytes(StandardCharsets.UTF_8).length),
                whole.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("1000000", summary(whole, "result_rows"));
        // chDB's own read counter may stop short of the last blocks of a table function (934,591 of 1,000,000
        // once on a loaded machine): the rows returned are exact, the storage reads are a lower bound.
        long read = Long.parseLong(summary(whole, "read_rows"));
        assertTrue(read > 0 && read <= 1_000_000, "read_rows " + read);
    }

    @Test
    void gzipDeflateZstdAndLz4RequestBodiesAreDecodedLikeAServerDoes() throws Exception {
        String db = CLICKHOUSE.freshDatabase("encoded");
        String base = "/?database=" + db;
        HttpResponse<String> create =
                postEncoded(base, "gzip", gzip("CREATE TABLE t (n UInt32, s String) ENGINE = MergeTree ORDER BY n"));
        assertEquals(200, create.statusCode(), create.body());
        assertEquals(
                200,
                postEncoded(base, "deflate", deflate("INSERT INTO t VALUES (1, 'deflate')"))
                        .statusCode());
        assertEquals(
                200,
                postEncoded(base, "zstd", zstd("INSERT INTO t FORMAT TSV\n2\tzstd\n"))
                        .statusCode());
        HttpResponse<String> lz4 =
                postEncoded(base + "&query=" + enc("INSERT INTO t FORMAT CSV"), "lz4", lz4("3,lz4\n4,\"a,b\"\n"));
        assertEquals(200, lz4.statusCode(), lz4.body());
        assertEquals("2", summary(lz4, "written_rows"));
        assertEquals(
                "1\tdeflate\n2\tzstd\n3\tlz4\n4\ta,b\n",
                post(base, "SELECT n, s FROM t ORDER BY n").body());
    }

    @Test
    void encodingsTheLocalServerCannotDecodeAndCorruptBodiesAreRefusedNeverIgnored() throws Exception {
        String db = CLICKHOUSE.freshDatabase("refused");
        String ddl = "CREATE TABLE t (n UInt32) ENGINE = MergeTree ORDER BY n";
        HttpResponse<String> br = postEncoded("/?database=" + db, "br", ddl.getBytes(StandardCharsets.UTF_8));
        assertEquals(501, br.statusCode());
        assertEquals(
                "48", br.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        assertTrue(br.body().contains("'br'"), br.body());

        HttpResponse<String> unknown = postEncoded("/?database=" + db, "rot13", ddl.getBytes(StandardCharsets.UTF_8));
        assertTrue(unknown.body().contains("Unknown compression method 'rot13'"), unknown.body());

        HttpResponse<String> corrupt = postEncoded("/?database=" + db, "gzip", ddl.getBytes(StandardCharsets.UTF_8));
        assertEquals(
                "354",
                corrupt.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());

        HttpResponse<String> nativeLz4 = post("/?decompress=1", "SELECT 1");
        assertEquals(501, nativeLz4.statusCode());
        assertTrue(nativeLz4.body().contains("decompress=false"), nativeLz4.body());
        // None of the refused bodies ran.
        assertEquals(
                "0\n",
                post("/", "SELECT count() FROM system.tables WHERE database = '" + db + "'")
                        .body());
    }

    @Test
    void temporaryTablesWithoutASessionEndWithTheirRequest() throws Exception {
        // More attempts than the pool has connections: a leak would show on a reused connection.
        for (int i = 0; i < 6; i++) {
            assertEquals(
                    200, post("/", "CREATE TEMPORARY TABLE scratch (n UInt8)").statusCode());
            HttpResponse<String> later = post("/", "SELECT count() FROM scratch");
            assertEquals(404, later.statusCode(), later.body());
            assertEquals(
                    "60",
                    later.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        }
    }

    @Test
    void aSessionKeepsItsTemporaryTablesAndSettingsAndOnlyItsOwn() throws Exception {
        String one = "/?session_id=fidelity-one";
        assertEquals(200, post(one, "CREATE TEMPORARY TABLE scratch (n UInt8)").statusCode());
        assertEquals(200, post(one, "INSERT INTO scratch VALUES (1), (2), (3)").statusCode());
        assertEquals(200, post(one, "SET max_threads = 3").statusCode());
        assertEquals("3\n", post(one, "SELECT count() FROM scratch").body());
        assertEquals("3\n", post(one, "SELECT getSetting('max_threads')").body());
        // A URL setting is for its request only, also inside a session.
        assertEquals(
                "1\n",
                post(one + "&max_threads=1", "SELECT getSetting('max_threads')").body());
        assertEquals("3\n", post(one, "SELECT getSetting('max_threads')").body());

        assertEquals(
                404,
                post("/?session_id=fidelity-two", "SELECT count() FROM scratch").statusCode());
        assertEquals(404, post("/", "SELECT count() FROM scratch").statusCode());

        HttpResponse<String> unknown = post("/?session_id=never-opened&session_check=1", "SELECT 1");
        assertEquals(
                "372",
                unknown.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        // session_timeout=0: the session is gone as soon as its request ends.
        assertEquals(
                200, post("/?session_id=short&session_timeout=0", "SELECT 1").statusCode());
        HttpResponse<String> expired = post("/?session_id=short&session_check=1", "SELECT 1");
        assertEquals(
                "372",
                expired.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
    }

    @Test
    void aSessionServesOneRequestAtATime() throws Exception {
        String session = "/?session_id=fidelity-busy";
        // A result far larger than the socket buffers, not read: the request holds its session meanwhile.
        try (Socket busy = openPost(session, "SELECT number FROM numbers(100000000)")) {
            InputStream in = busy.getInputStream();
            String statusLine = readLine(in); // sent after 4 MiB were buffered: the session is certainly taken
            assertTrue(statusLine.startsWith("HTTP/1.1 200"), statusLine);
            HttpResponse<String> second = post(session, "SELECT 1");
            assertEquals(
                    "373",
                    second.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
            assertTrue(second.body().contains("SESSION_IS_LOCKED"), second.body());
        }
    }

    @Test
    void getIsReadOnlyAsOnAServer() throws Exception {
        String db = CLICKHOUSE.freshDatabase("readonly");
        HttpResponse<String> create =
                get("/?database=" + db + "&query=" + enc("CREATE TABLE t (n UInt8) ENGINE = Memory"));
        assertEquals(
                "164",
                create.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        assertTrue(create.body().contains("method GET implies readonly"), create.body());
        assertEquals(
                200,
                post("/?database=" + db, "CREATE TABLE t (n UInt8) ENGINE = Memory")
                        .statusCode());
        HttpResponse<String> insert = get("/?database=" + db + "&query=" + enc("INSERT INTO t VALUES (1)"));
        assertEquals(
                "164",
                insert.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow());
        assertEquals(
                "0\n",
                get("/?database=" + db + "&query=" + enc("SELECT count() FROM t"))
                        .body());
        assertEquals(200, get("/?query=" + enc("SHOW DATABASES")).statusCode());
    }

    @Test
    void errorsCarryTheHttpStatusAServerMapsTheirCodeTo() throws Exception {
        assertStatus(400, "62", post("/", "SELEC 1"));
        assertStatus(404, "60", post("/", "SELECT * FROM no_such_table"));
        assertStatus(404, "81", post("/", "SELECT * FROM no_such_db.t"));
        assertStatus(404, "46", post("/", "SELECT no_such_function(1)"));
        assertStatus(400, "6", post("/", "SELECT toUInt32('x')"));
        assertStatus(500, "395", post("/", "SELECT throwIf(1)"));
        assertStatus(403, "516", get("/?user=nobody&query=SELECT+1"));
    }

    @Test
    void replicasStatusAnswersOk() throws Exception {
        HttpResponse<String> r = get("/replicas_status");
        assertEquals(200, r.statusCode());
        assertEquals("Ok.\n", r.body());
    }

    @Test
    void summaryElapsedIsTheWallTimeOfTheRequest() throws Exception {
        long before = System.nanoTime();
        HttpResponse<String> r = post("/", "SELECT sleep(0.2)");
        long wall = System.nanoTime() - before;
        long elapsed = Long.parseLong(summary(r, "elapsed_ns"));
        assertTrue(elapsed >= 200_000_000L && elapsed <= wall, elapsed + " ns against " + wall + " ns wall");

        String db = CLICKHOUSE.freshDatabase("elapsed");
        post("/?database=" + db, "CREATE TABLE t (n UInt8) ENGINE = Memory");
        long insertBefore = System.nanoTime();
        HttpResponse<String> insert = post("/?database=" + db, "INSERT INTO t VALUES (1)");
        long insertWall = System.nanoTime() - insertBefore;
        long insertElapsed = Long.parseLong(summary(insert, "elapsed_ns"));
        assertTrue(insertElapsed > 0 && insertElapsed <= insertWall, insertElapsed + " ns against " + insertWall);
    }

    @Test
    void aServerConfiguredWithCredentialsAdmitsOnlyThem() throws Exception {
        try (LocalClickHouseServer guarded = LocalClickHouseServer.builder()
                .port(0)
                .dataDir(CLICKHOUSE.server().dataDir())
                .credentials("kpi", "s3cret")
                .start()) {
            String base = guarded.httpUrl();
            Properties props = LocalClickHouseProfile.jdbcProperties();
            props.setProperty("user", "kpi");
            props.setProperty("password", "s3cret");
            try (Connection c = DriverManager.getConnection(guarded.jdbcUrl(), props);
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            props.setProperty("password", "wrong");
            SQLException e = assertThrows(SQLException.class, () -> {
                try (Connection c = DriverManager.getConnection(guarded.jdbcUrl(), props);
                        Statement s = c.createStatement()) {
                    s.executeQuery("SELECT 1").close();
                }
            });
            assertTrue(
                    e.getMessage().contains("516") || e.getMessage().contains("AUTHENTICATION_FAILED"), e.getMessage());

            HttpResponse<String> anonymous = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/?query=SELECT+1"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertStatus(403, "516", anonymous);
            HttpResponse<String> headers = HTTP.send(
                    HttpRequest.newBuilder(URI.create(base + "/?query=SELECT+1"))
                            .header("X-ClickHouse-User", "kpi")
                            .header("X-ClickHouse-Key", "s3cret")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("1\n", headers.body());
            assertEquals(
                    200,
                    HTTP.send(
                                    HttpRequest.newBuilder(URI.create(base + "/ping"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode());
        }
    }

    private static void assertStatus(int status, String code, HttpResponse<String> r) {
        assertEquals(status, r.statusCode(), r.body());
        assertEquals(code, r.headers().firstValue("X-ClickHouse-Exception-Code").orElseThrow(), r.body());
    }

    private static String summary(HttpResponse<String> r, String field) {
        String json = r.headers().firstValue("X-ClickHouse-Summary").orElseThrow();
        Matcher m = Pattern.compile("\"" + field + "\":\"(\\d+)\"").matcher(json);
        assertTrue(m.find(), json);
        return m.group(1);
    }

    private static URI url(String pathAndQuery) {
        return URI.create(CLICKHOUSE.server().httpUrl() + pathAndQuery);
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(url(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url(pathAndQuery))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> postEncoded(String pathAndQuery, String encoding, byte[] body)
            throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(url(pathAndQuery))
                        .header("Content-Encoding", encoding)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] deflate(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new DeflaterOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] zstd(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new ZstdOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static byte[] lz4(String s) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new LZ4FrameOutputStream(bytes)) {
            out.write(s.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A response read off the wire as bytes, chunk framing included. */
    private record RawResponse(String head, byte[] body) {
        int status() {
            return Integer.parseInt(head.substring(9, 12));
        }

        String header(String name) {
            Matcher m = Pattern.compile("(?im)^" + name + ": ([^\r\n]*)").matcher(head);
            assertTrue(m.find(), head);
            return m.group(1);
        }

        String tail(int n) {
            int from = Math.max(0, body.length - n);
            return new String(body, from, body.length - from, StandardCharsets.UTF_8);
        }
    }

    private static Socket openPost(String pathAndQuery, String sql) throws IOException {
        Socket socket = new Socket("127.0.0.1", CLICKHOUSE.server().port());
        byte[] body = sql.getBytes(StandardCharsets.UTF_8);
        String request = "POST " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    private static RawResponse rawPost(String pathAndQuery, String sql) throws IOException {
        try (Socket socket = openPost(pathAndQuery, sql)) {
            byte[] all = socket.getInputStream().readAllBytes(); // until the server closes or cuts the connection
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n\r\n");
            return new RawResponse(text.substring(0, end), java.util.Arrays.copyOfRange(all, end + 4, all.length));
        }
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c; (c = in.read()) != -1 && c != '\n'; ) {
            line.append((char) c);
        }
        return line.toString().strip();
    }
}
