package io.kpipulse.clickhouse.local;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse's HTTP interface ({@code /} and {@code /ping}) over a pool of chDB connections: the subset that
 * the official JDBC driver and a curl user rely on. See {@link LocalClickHouseServer} for what is supported.
 */
final class ClickHouseHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseHttpHandler.class);

    /** URL parameters that steer the HTTP exchange or the client, never engine settings. */
    private static final Set<String> NOT_SETTINGS = Set.of(
            "query",
            "database",
            "default_format",
            "query_id",
            "compress",
            "decompress",
            "async_insert",
            "wait_end_of_query",
            "session_id",
            "session_timeout",
            "session_check",
            "user",
            "password",
            "quota_key",
            "buffer_size",
            "client_protocol_version",
            "enable_http_compression",
            "send_progress_in_http_headers",
            "http_headers_progress_interval_ms",
            "stacktrace",
            "role");

    private static final int HEAD_BYTES = 1 << 20;
    private static final int CHUNK_BYTES = 1 << 20;
    /** Results up to this size are answered with a Content-Length and a complete summary; larger ones stream. */
    private static final int BUFFERED_RESULT_BYTES = 4 << 20;

    private final ChdbConnectionPool pool;
    private final String version;
    private final String displayName;

    ClickHouseHttpHandler(ChdbConnectionPool pool, String version, String displayName) {
        this.pool = pool;
        this.version = version;
        this.displayName = displayName;
    }

    /** One parsed HTTP request. */
    private record Request(
            String queryId,
            String database,
            String defaultFormat,
            Map<String, String> settings,
            Map<String, String> boundParams,
            String queryParam) {}

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping")
                    || (path.equals("/")
                            && exchange.getRequestURI().getRawQuery() == null
                            && exchange.getRequestMethod().equals("GET"))) {
                sendText(exchange, 200, "Ok.\n");
                return;
            }
            if (!path.equals("/")) {
                sendText(exchange, 404, "There is no handle " + path + "\n");
                return;
            }
            Request request = parse(exchange);
            exchange.getResponseHeaders().set("X-ClickHouse-Query-Id", request.queryId());
            exchange.getResponseHeaders().set("X-ClickHouse-Timezone", "UTC");
            exchange.getResponseHeaders().set("X-ClickHouse-Server-Display-Name", displayName);
            try {
                rejectCompression(exchange);
                execute(exchange, request);
            } catch (ChdbException e) {
                drain(exchange.getRequestBody());
                sendError(exchange, e.code() == 48 ? 400 : 500, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.debug("request failed", e); // usually a client that went away mid-response
            throw e;
        }
    }

    /**
     * The local server speaks no ClickHouse native compression (the driver's {@code compress=1} default):
     * answering an uncompressed body to a client that expects LZ4 blocks would fail far from the cause.
     */
    private void rejectCompression(HttpExchange exchange) throws ChdbException {
        Map<String, String> params = parseQueryString(exchange.getRequestURI().getRawQuery());
        if ("1".equals(params.get("decompress")) || "true".equalsIgnoreCase(params.get("decompress"))) {
            throw ChdbException.of(
                    48,
                    "NOT_IMPLEMENTED",
                    "the local ClickHouse server does not accept compressed "
                            + "request bodies (decompress=1); use the JDBC property decompress=false (see LocalClickHouseProfile)");
        }
        if ("1".equals(params.get("compress")) || "true".equalsIgnoreCase(params.get("compress"))) {
            throw ChdbException.of(
                    48,
                    "NOT_IMPLEMENTED",
                    "the local ClickHouse server does not send compressed "
                            + "responses (compress=1); use the JDBC property compress=false (see LocalClickHouseProfile)");
        }
    }

    private Request parse(HttpExchange exchange) {
        Map<String, String> params = parseQueryString(exchange.getRequestURI().getRawQuery());
        Headers h = exchange.getRequestHeaders();
        String queryId = firstNonBlank(
                params.get("query_id"),
                h.getFirst("X-ClickHouse-Query-Id"),
                UUID.randomUUID().toString());
        String database = firstNonBlank(params.get("database"), h.getFirst("X-ClickHouse-Database"), "default");
        String format = firstNonBlank(h.getFirst("X-ClickHouse-Format"), params.get("default_format"), "TabSeparated");
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> bound = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (e.getKey().startsWith("param_")) {
                bound.put(e.getKey().substring("param_".length()), e.getValue());
            } else if (!NOT_SETTINGS.contains(e.getKey())) {
                settings.put(e.getKey(), e.getValue());
            }
        }
        return new Request(queryId, database, format, settings, bound, params.get("query"));
    }

    private void execute(HttpExchange exchange, Request request)
            throws IOException, ChdbException, InterruptedException {
        InputStream body = exchange.getRequestBody();
        byte[] param = request.queryParam() == null
                ? new byte[0]
                : request.queryParam().getBytes(StandardCharsets.UTF_8);

        // Shape 1: the whole INSERT statement in the URL, the body is pure data (RowBinary from the driver).
        SqlText.InsertSplit split = SqlText.splitInsert(param, param.length);
        if (split != null) {
            byte[] inline = java.util.Arrays.copyOfRange(param, split.dataOffset(), param.length);
            insert(exchange, request, split, inline, body);
            return;
        }
        // Otherwise the query is the URL parameter followed by the body; an INSERT's data may follow its head there.
        byte[] head = body.readNBytes(HEAD_BYTES);
        byte[] prefix = concat(param, head);
        split = SqlText.splitInsert(prefix, prefix.length);
        if (split != null) {
            insert(
                    exchange,
                    request,
                    split,
                    java.util.Arrays.copyOfRange(prefix, split.dataOffset(), prefix.length),
                    body);
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(prefix.length);
        all.write(prefix);
        body.transferTo(all);
        String sql = all.toString(StandardCharsets.UTF_8);
        if (sql.isBlank()) {
            throw ChdbException.of(62, "SYNTAX_ERROR", "Empty query");
        }
        query(exchange, request, sql);
    }

    private static byte[] concat(byte[] param, byte[] head) {
        if (param.length == 0) {
            return head;
        }
        if (head.length == 0) {
            return param;
        }
        byte[] joined = new byte[param.length + 1 + head.length];
        System.arraycopy(param, 0, joined, 0, param.length);
        joined[param.length] = '\n';
        System.arraycopy(head, 0, joined, param.length + 1, head.length);
        return joined;
    }

    private void insert(
            HttpExchange exchange, Request request, SqlText.InsertSplit split, byte[] inline, InputStream body)
            throws IOException, ChdbException, InterruptedException {
        QueryStats stats;
        try (ChdbConnectionPool.Lease lease = pool.borrow()) {
            prepare(lease, request, "INSERT");
            try (ChdbConnection.InsertStream stream =
                    lease.connection().insert(split.statement(), split.format(), request.boundParams())) {
                stream.append(inline, inline.length);
                byte[] chunk = new byte[CHUNK_BYTES];
                for (int n; (n = body.readNBytes(chunk, 0, chunk.length)) > 0; ) {
                    stream.append(chunk, n);
                }
                stats = stream.finish();
            }
        }
        Headers out = exchange.getResponseHeaders();
        out.set("X-ClickHouse-Format", request.defaultFormat());
        out.set("X-ClickHouse-Summary", stats.toSummaryJson());
        exchange.sendResponseHeaders(200, -1);
    }

    private void query(HttpExchange exchange, Request request, String sql)
            throws IOException, ChdbException, InterruptedException {
        String keyword = SqlText.firstKeyword(sql);
        String own = SqlText.ownFormat(sql);
        String format = own != null ? own : request.defaultFormat();
        Headers out = exchange.getResponseHeaders();
        out.set("X-ClickHouse-Format", format);
        out.set("Content-Type", contentType(format));
        try (ChdbConnectionPool.Lease lease = pool.borrow()) {
            prepare(lease, request, keyword);
            ChdbConnection connection = lease.connection();
            StreamFraming framing = StreamFraming.of(format);
            if ((keyword.equals("SELECT") || keyword.equals("WITH")) && framing != StreamFraming.WHOLE) {
                streamSelect(exchange, connection, sql, format, framing, request);
                return;
            }
            ChdbConnection.Result result = connection.query(sql, format, request.boundParams());
            out.set("X-ClickHouse-Summary", result.stats().toSummaryJson());
            byte[] data = result.data();
            exchange.sendResponseHeaders(200, data.length == 0 ? -1 : data.length);
            if (data.length > 0) {
                exchange.getResponseBody().write(data);
            }
        }
    }

    /**
     * Streams a SELECT: results up to {@link #BUFFERED_RESULT_BYTES} go out with a Content-Length and a complete
     * summary (and an error before that point is a proper HTTP 500); larger ones go out chunked as they come.
     * An error after the first bytes were sent is appended to the body and the connection is cut, as a
     * ClickHouse server does.
     */
    private void streamSelect(
            HttpExchange exchange,
            ChdbConnection connection,
            String sql,
            String format,
            StreamFraming framing,
            Request request)
            throws IOException, ChdbException {
        try (ChdbConnection.QueryStream stream = connection.streamQuery(sql, format, request.boundParams())) {
            ByteArrayOutputStream buffered = new ByteArrayOutputStream();
            QueryStats stats = QueryStats.EMPTY;
            ChdbConnection.Result chunk = null;
            int header = -1;
            while (buffered.size() < BUFFERED_RESULT_BYTES && (chunk = stream.next()) != null) {
                byte[] data = chunk.data();
                if (header < 0) {
                    header = framing.headerLength(data);
                    buffered.write(data);
                } else {
                    buffered.write(data, header, data.length - header); // every chunk repeats the header
                }
                stats = stats.plus(chunk.stats());
            }
            exchange.getResponseHeaders().set("X-ClickHouse-Summary", stats.toSummaryJson());
            if (chunk == null) {
                exchange.sendResponseHeaders(200, buffered.size() == 0 ? -1 : buffered.size());
                buffered.writeTo(exchange.getResponseBody());
                return;
            }
            exchange.sendResponseHeaders(200, 0);
            OutputStream os = exchange.getResponseBody();
            buffered.writeTo(os);
            try {
                while ((chunk = stream.next()) != null) {
                    os.write(chunk.data(), header, chunk.data().length - header);
                }
            } catch (ChdbException e) {
                os.write(('\n' + e.toHttpBody(version)).getBytes(StandardCharsets.UTF_8));
                os.flush();
                throw new IOException("query failed after its result started: " + e.getMessage(), e);
            }
        }
    }

    /** Database, URL settings, and dirtiness for statements that change the session. */
    private void prepare(ChdbConnectionPool.Lease lease, Request request, String keyword) throws ChdbException {
        lease.useDatabase(request.database());
        if (keyword.equals("USE") || keyword.equals("SET")) {
            lease.markDirty(); // an HTTP request without a session must not leave state behind
        }
        if (!request.settings().isEmpty()) {
            lease.markDirty();
            for (Map.Entry<String, String> s : request.settings().entrySet()) {
                if (!s.getKey().matches("[A-Za-z0-9_.]+")) {
                    throw ChdbException.of(115, "UNKNOWN_SETTING", "Unknown setting '" + s.getKey() + "'");
                }
                lease.connection()
                        .query("SET " + s.getKey() + " = " + SqlText.quoteString(s.getValue()), "TSV", Map.of());
            }
        }
    }

    private void sendError(HttpExchange exchange, int status, ChdbException e) throws IOException {
        byte[] text = e.toHttpBody(version).getBytes(StandardCharsets.UTF_8);
        Headers out = exchange.getResponseHeaders();
        out.remove("X-ClickHouse-Summary");
        out.set("X-ClickHouse-Exception-Code", Integer.toString(e.code()));
        out.set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, text.length);
        exchange.getResponseBody().write(text);
    }

    private static void sendText(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String contentType(String format) {
        String f = format.toLowerCase(Locale.ROOT);
        if (f.startsWith("json")) {
            return "application/json; charset=UTF-8";
        }
        if (f.startsWith("tabseparated")
                || f.startsWith("tsv")
                || f.startsWith("csv")
                || f.startsWith("pretty")
                || f.equals("tskv")
                || f.equals("vertical")
                || f.equals("markdown")) {
            return "text/plain; charset=UTF-8";
        }
        return "application/octet-stream";
    }

    private static void drain(InputStream in) {
        try {
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException ignored) {
            // the error answer matters more than the rest of a body the client may have stopped sending
        }
    }

    static Map<String, String> parseQueryString(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
