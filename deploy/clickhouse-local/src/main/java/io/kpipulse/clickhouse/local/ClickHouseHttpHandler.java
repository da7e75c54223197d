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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.ZipException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ClickHouse's HTTP interface ({@code /}, {@code /ping}, {@code /replicas_status}) over a pool of chDB
 * connections and {@linkplain Sessions sessions}: the subset that the official JDBC driver and a curl user rely
 * on, behaving as a ClickHouse server does or refusing loudly. See {@link LocalClickHouseServer}.
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

    /**
     * Statements a GET may not run: a ClickHouse server runs GET requests with {@code readonly=2}, which admits
     * reads and setting changes and refuses everything that writes data or metadata. Text that is no statement
     * at all goes to the engine, which answers it with its syntax error, as a server would.
     */
    private static final Set<String> WRITE_KEYWORDS = Set.of(
            "INSERT",
            "CREATE",
            "DROP",
            "ALTER",
            "TRUNCATE",
            "RENAME",
            "OPTIMIZE",
            "SYSTEM",
            "KILL",
            "GRANT",
            "REVOKE",
            "ATTACH",
            "DETACH",
            "EXCHANGE",
            "DELETE",
            "UPDATE",
            "UNDROP",
            "BACKUP",
            "RESTORE",
            "MOVE");

    private static final Pattern TEMPORARY = Pattern.compile("(?is)^\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?TEMPORARY\\b.*");

    private static final int HEAD_BYTES = 1 << 20;
    private static final int CHUNK_BYTES = 1 << 20;
    /** Results up to this size are answered with a Content-Length and a complete summary; larger ones stream. */
    private static final int BUFFERED_RESULT_BYTES = 4 << 20;

    private final ChdbConnectionPool pool;
    private final Sessions sessions;
    private final Credentials credentials;
    private final String version;
    private final String displayName;

    ClickHouseHttpHandler(
            ChdbConnectionPool pool, Sessions sessions, Credentials credentials, String version, String displayName) {
        this.pool = pool;
        this.sessions = sessions;
        this.credentials = credentials;
        this.version = version;
        this.displayName = displayName;
    }

    /** One parsed HTTP request. */
    private record Request(
            boolean get,
            String queryId,
            String database,
            String defaultFormat,
            Map<String, String> settings,
            Map<String, String> boundParams,
            String queryParam,
            String sessionId,
            String sessionTimeout,
            boolean sessionCheck,
            boolean waitEndOfQuery,
            String exceptionTag,
            long startedNanos) {
        QueryStats timed(QueryStats stats) {
            return stats.withElapsedNanos(System.nanoTime() - startedNanos);
        }
    }

    /** The response started and then failed: the connection must be cut, never closed with a final chunk. */
    private static final class ResponseCut extends IOException {
        private static final long serialVersionUID = 1L;

        ResponseCut(String message, Throwable cause) {
            super(message, cause);
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        boolean cut = false;
        try {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/ping")
                    || path.equals("/replicas_status") // no replicated tables here, so no replica lags
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
            Map<String, String> params =
                    parseQueryString(exchange.getRequestURI().getRawQuery());
            Request request = parse(exchange, params, started);
            Headers out = exchange.getResponseHeaders();
            out.set("X-ClickHouse-Query-Id", request.queryId());
            out.set("X-ClickHouse-Timezone", "UTC");
            out.set("X-ClickHouse-Server-Display-Name", displayName);
            out.set("X-ClickHouse-Exception-Tag", request.exceptionTag());
            try {
                credentials.check(exchange.getRequestHeaders(), params);
                RequestBodies.rejectNativeCompression(params);
                InputStream body = RequestBodies.decode(
                        exchange.getRequestHeaders().getFirst("Content-Encoding"), exchange.getRequestBody());
                execute(exchange, request, body);
            } catch (ChdbException e) {
                drain(exchange.getRequestBody());
                sendError(exchange, request, e);
            } catch (ZipException e) {
                drain(exchange.getRequestBody());
                sendError(
                        exchange,
                        request,
                        ChdbException.of(
                                354,
                                "CANNOT_DECOMPRESS",
                                "the request body is not what its Content-Encoding says: " + e.getMessage()));
            }
        } catch (ResponseCut e) {
            cut = true;
            LOG.debug("response cut after an error in a streamed result", e);
            throw e; // the HTTP server closes the connection without the final chunk
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.debug("request failed", e); // usually a client that went away mid-response
            throw e;
        } finally {
            if (!cut) {
                exchange.close();
            }
        }
    }

    private static Request parse(HttpExchange exchange, Map<String, String> params, long started) {
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
        return new Request(
                exchange.getRequestMethod().equals("GET"),
                queryId,
                database,
                format,
                settings,
                bound,
                params.get("query"),
                firstNonBlank(params.get("session_id")),
                params.get("session_timeout"),
                enabled(params.get("session_check")),
                enabled(params.get("wait_end_of_query")),
                ExceptionBlock.newTag(),
                started);
    }

    private static boolean enabled(String value) {
        return "1".equals(value) || "true".equalsIgnoreCase(value);
    }

    private ConnectionLease lease(Request request) throws ChdbException, InterruptedException {
        return request.sessionId() == null
                ? pool.borrow()
                : sessions.take(request.sessionId(), request.sessionTimeout(), request.sessionCheck());
    }

    private static void requireWritable(Request request) throws ChdbException {
        if (request.get()) {
            throw ChdbException.of(
                    164,
                    "READONLY",
                    "Cannot execute query in readonly mode. For queries over HTTP, method GET implies readonly. "
                            + "You should use method POST for modifying queries");
        }
    }

    private void execute(HttpExchange exchange, Request request, InputStream body)
            throws IOException, ChdbException, InterruptedException {
        byte[] param = request.queryParam() == null
                ? new byte[0]
                : request.queryParam().getBytes(StandardCharsets.UTF_8);

        // Shape 1: the whole INSERT statement in the URL, the body is pure data (RowBinary from the driver).
        SqlText.InsertSplit split = SqlText.splitInsert(param, param.length);
        if (split != null) {
            requireWritable(request);
            byte[] inline = Arrays.copyOfRange(param, split.dataOffset(), param.length);
            insert(exchange, request, split, inline, body);
            return;
        }
        // Otherwise the query is the URL parameter followed by the body; an INSERT's data may follow its head there.
        byte[] head = body.readNBytes(HEAD_BYTES);
        byte[] prefix = concat(param, head);
        split = SqlText.splitInsert(prefix, prefix.length);
        if (split != null) {
            requireWritable(request);
            insert(exchange, request, split, Arrays.copyOfRange(prefix, split.dataOffset(), prefix.length), body);
            return;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(prefix.length);
        all.write(prefix);
        body.transferTo(all);
        String sql = all.toString(StandardCharsets.UTF_8);
        if (sql.isBlank()) {
            throw ChdbException.of(62, "SYNTAX_ERROR", "Empty query");
        }
        if (WRITE_KEYWORDS.contains(SqlText.firstKeyword(sql))) {
            requireWritable(request);
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
        try (ConnectionLease lease = lease(request)) {
            prepare(lease, request, "INSERT", "");
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
        out.set("X-ClickHouse-Summary", request.timed(stats).toSummaryJson());
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
        try (ConnectionLease lease = lease(request)) {
            prepare(lease, request, keyword, sql);
            ChdbConnection connection = lease.connection();
            StreamFraming framing = StreamFraming.of(format);
            if ((keyword.equals("SELECT") || keyword.equals("WITH")) && framing != StreamFraming.WHOLE) {
                streamSelect(exchange, connection, sql, format, framing, request);
                return;
            }
            ChdbConnection.Result result = connection.query(sql, format, request.boundParams());
            out.set("X-ClickHouse-Summary", request.timed(result.stats()).toSummaryJson());
            byte[] data = result.data();
            exchange.sendResponseHeaders(200, data.length == 0 ? -1 : data.length);
            if (data.length > 0) {
                exchange.getResponseBody().write(data);
            }
        }
    }

    /**
     * Streams a SELECT: results up to {@link #BUFFERED_RESULT_BYTES} (any size with {@code wait_end_of_query=1})
     * go out with a Content-Length and a complete summary, and an error before that point is a proper error
     * response; larger ones go out chunked as they come. An error after the first bytes were sent is written as
     * an {@link ExceptionBlock} and the connection is cut, as a ClickHouse server does.
     */
    private void streamSelect(
            HttpExchange exchange,
            ChdbConnection connection,
            String sql,
            String format,
            StreamFraming framing,
            Request request)
            throws IOException, ChdbException {
        long bufferLimit = request.waitEndOfQuery() ? Long.MAX_VALUE : BUFFERED_RESULT_BYTES;
        try (ChdbConnection.QueryStream stream = connection.streamQuery(sql, format, request.boundParams())) {
            ByteArrayOutputStream buffered = new ByteArrayOutputStream();
            QueryStats stats = QueryStats.EMPTY;
            ChdbConnection.Result chunk = null;
            int header = -1;
            while (buffered.size() < bufferLimit && (chunk = stream.next()) != null) {
                byte[] data = chunk.data();
                if (header < 0) {
                    header = framing.headerLength(data);
                    buffered.write(data);
                } else {
                    buffered.write(data, header, data.length - header); // every chunk repeats the header
                }
                stats = stats.plus(chunk.stats());
            }
            exchange.getResponseHeaders()
                    .set("X-ClickHouse-Summary", request.timed(stats).toSummaryJson());
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
                os.write(ExceptionBlock.render(request.exceptionTag(), e.toHttpBody(version)));
                os.flush();
                throw new ResponseCut("query failed after its result started: " + e.getMessage(), e);
            }
        }
    }

    /** Database, URL settings, and whether the statement leaves session state behind. */
    private static void prepare(ConnectionLease lease, Request request, String keyword, String sql)
            throws ChdbException {
        lease.useDatabase(request.database());
        if (keyword.equals("USE")
                || keyword.equals("SET")
                || TEMPORARY.matcher(sql).matches()) {
            // without a session, a request's USE, SET and temporary tables end with it, as on a server
            lease.requestChangedState();
        }
        lease.applyRequestSettings(request.settings());
    }

    private void sendError(HttpExchange exchange, Request request, ChdbException e) throws IOException {
        byte[] text = e.toHttpBody(version).getBytes(StandardCharsets.UTF_8);
        Headers out = exchange.getResponseHeaders();
        out.set("X-ClickHouse-Summary", request.timed(QueryStats.EMPTY).toSummaryJson());
        int status = ErrorStatus.of(e);
        if (status == 401) {
            out.set("WWW-Authenticate", "Basic realm=\"ClickHouse server HTTP API\"");
        }
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
