package io.kpipulse.clickhouse.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local ClickHouse server: ClickHouse's HTTP interface on 127.0.0.1, answered by the real ClickHouse engine
 * (chDB's {@code libchdb.so}, ClickHouse 26.x) running in this process. The product talks to it through the
 * unchanged official JDBC driver, exactly as to production.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * try (LocalClickHouseServer server = LocalClickHouseServer.builder().port(0).dataDir(dir).start()) {
 *     Connection c = DriverManager.getConnection(server.jdbcUrl(), LocalClickHouseProfile.jdbcProperties());
 * }
 * }</pre>
 * JDBC URL {@code jdbc:clickhouse:http://127.0.0.1:<port>/default} with properties {@code compress=false}
 * (required: the driver's default {@code compress=1} expects ClickHouse-native LZ4 blocks, which this server
 * does not produce and answers with an error), {@code decompress=false},
 * {@code beta.row_binary_for_simple_insert=true} (fast batch inserts); see {@link LocalClickHouseProfile}.
 *
 * <h2>HTTP semantics</h2>
 * {@code GET/POST /} with the query in the {@code query} URL parameter followed by the body; {@code /ping};
 * {@code database} parameter / {@code X-ClickHouse-Database}; output format from the query's own FORMAT clause,
 * else {@code X-ClickHouse-Format} / {@code default_format}, else TabSeparated, named in the response's
 * {@code X-ClickHouse-Format}; other URL parameters are settings for that request only; {@code param_x} binds
 * {@code {x:Type}} in the engine (no text substitution); INSERT data (after {@code FORMAT name} or
 * {@code VALUES}, in the body) goes through chDB's streaming insert, binary-safe and in 1 MiB chunks; SELECTs
 * are streamed from the engine. Errors carry {@code X-ClickHouse-Exception-Code}, ClickHouse's
 * {@code Code: N. DB::Exception: ...} text and the HTTP status a server maps the code to ({@link ErrorStatus}); an
 * error after a streamed response started is written as an {@link ExceptionBlock} and the connection is cut.
 * GET is read-only; {@code session_id} keeps a session ({@link Sessions}); request bodies are decoded by their
 * {@code Content-Encoding} ({@link RequestBodies}); only the configured credentials are admitted.
 *
 * <h2>Engine facts behind the design</h2>
 * <ul>
 *   <li>One engine per process on one data directory ({@link ChdbEngine}); the directory persists across
 *       restarts. Several servers in one JVM must share the directory.</li>
 *   <li>The engine runs pinned to UTC: {@code TZ=UTC} is set in the C environment before it boots, because it
 *       takes its time zone from the process and a restart under another zone shifted stored DateTimes.</li>
 *   <li>chDB's signal handlers are disabled; the JVM needs SIGSEGV for itself.</li>
 * </ul>
 *
 * <p>Limits: no native compression (refused), no compressed responses, one user, no progress headers; the
 * summary of a streamed result larger than 4 MiB only counts what was read before the headers went out (unless
 * {@code wait_end_of_query=1}). See the module's README.
 */
public final class LocalClickHouseServer implements AutoCloseable {
    public static final String PORT_ENV = "KPI_CLICKHOUSE_PORT";
    public static final String DATA_DIR_ENV = "KPI_CLICKHOUSE_DATA_DIR";
    public static final String POOL_SIZE_ENV = "KPI_CLICKHOUSE_POOL_SIZE";
    public static final String USER_ENV = "KPI_CLICKHOUSE_USER";
    public static final String PASSWORD_ENV = "KPI_CLICKHOUSE_PASSWORD";
    public static final int DEFAULT_PORT = 8123;
    public static final String DISPLAY_NAME = "kpi-pulse-local-clickhouse";

    private final ChdbEngine engine;
    private final ChdbConnectionPool pool;
    private final Sessions sessions;
    private final HttpServer http;
    private final ExecutorService executor;
    private final CountDownLatch closed = new CountDownLatch(1);
    private boolean isClosed;

    private LocalClickHouseServer(Builder b) throws IOException {
        // Nagle off: a JDBC round trip is two small writes, and Nagle would add ~40 ms to each.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        Path library = b.library != null
                ? b.library
                : ChdbEngineFetcher.fromEnvironment().ensureLibrary();
        this.engine = ChdbEngine.acquire(library, b.dataDir);
        ChdbConnectionPool p = null;
        Sessions sessions = new Sessions(engine, System::nanoTime);
        HttpServer h = null;
        ThreadPoolExecutor ex = null;
        try {
            p = new ChdbConnectionPool(engine, b.poolSize);
            h = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), b.port), 64);
            AtomicInteger n = new AtomicInteger();
            // More threads than connections: waiting on the pool is cheap; /ping never waits for the engine.
            int threads = b.poolSize * 2 + 2;
            ex = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "clickhouse-local-http-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            h.createContext("/", new ClickHouseHttpHandler(p, sessions, b.credentials, engine.version(), DISPLAY_NAME));
            h.setExecutor(ex);
            h.start();
        } catch (IOException | RuntimeException e) {
            if (h != null) {
                h.stop(0);
            }
            if (ex != null) {
                ex.shutdownNow();
            }
            if (p != null) {
                p.close();
            }
            sessions.close();
            engine.release();
            throw e;
        }
        this.pool = p;
        this.sessions = sessions;
        this.http = h;
        this.executor = ex;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Settings of a server; {@link #start()} boots the engine and binds the port. */
    public static final class Builder {
        private int port = DEFAULT_PORT;
        private Path dataDir = Path.of("target", "clickhouse-local");
        private int poolSize = Math.max(2, Runtime.getRuntime().availableProcessors());
        private Path library;
        private Credentials credentials = Credentials.DEFAULT;

        /** TCP port on 127.0.0.1; 0 picks a free one (see {@link #port()}). Default 8123. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** Where the engine keeps its databases; reused (and kept) across restarts. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** How many statements may run at once; default max(2, cores). */
        public Builder poolSize(int poolSize) {
            if (poolSize < 1) {
                throw new IllegalArgumentException("pool size must be at least 1: " + poolSize);
            }
            this.poolSize = poolSize;
            return this;
        }

        /**
         * The one user the server admits (default: {@code default} without a password, what every caller here
         * uses); any other user or password fails as ClickHouse's AUTHENTICATION_FAILED.
         */
        public Builder credentials(String user, String password) {
            this.credentials = new Credentials(user, password);
            return this;
        }

        /** An explicit {@code libchdb.so}; by default {@link ChdbEngineFetcher} provides it. */
        public Builder library(Path library) {
            this.library = library;
            return this;
        }

        public LocalClickHouseServer start() {
            try {
                return new LocalClickHouseServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the local ClickHouse server", e);
            }
        }
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>} */
    public String httpUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** The JDBC URL of the {@code default} database; use with {@link LocalClickHouseProfile#jdbcProperties()}. */
    public String jdbcUrl() {
        return LocalClickHouseProfile.jdbcUrl(port(), "default");
    }

    public Path dataDir() {
        return engine.dataDir();
    }

    /** The engine's ClickHouse version, e.g. {@code 26.7.2.1}. */
    public String version() {
        return engine.version();
    }

    /** Stops accepting requests, lets running ones finish (up to 2 s), closes the connections and the engine. */
    @Override
    public synchronized void close() {
        if (isClosed) {
            return;
        }
        isClosed = true;
        http.stop(2);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        sessions.close();
        pool.close();
        engine.release();
        closed.countDown();
    }

    /** Blocks until {@link #close()} has run. */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /**
     * Runs the server as its own process until SIGTERM or Ctrl-C.
     * Arguments (each optional, overriding the environment): {@code --port=N} ({@value #PORT_ENV}, default 8123),
     * {@code --data-dir=PATH} ({@value #DATA_DIR_ENV}, default {@code ./clickhouse-data}),
     * {@code --pool-size=N} ({@value #POOL_SIZE_ENV}). Prints {@code ClickHouse HTTP interface at <url>} when ready.
     */
    public static void main(String[] args) throws InterruptedException {
        Builder b = builder()
                .dataDir(Path.of(env(DATA_DIR_ENV, "clickhouse-data")))
                .port(Integer.parseInt(env(PORT_ENV, Integer.toString(DEFAULT_PORT))));
        String user = System.getenv(USER_ENV);
        String password = System.getenv(PASSWORD_ENV); // only from the environment: arguments show in ps
        if ((user != null && !user.isBlank()) || (password != null && !password.isEmpty())) {
            b.credentials(user == null || user.isBlank() ? "default" : user.strip(), password);
        }
        String pool = System.getenv(POOL_SIZE_ENV);
        if (pool != null && !pool.isBlank()) {
            b.poolSize(Integer.parseInt(pool.strip()));
        }
        for (String arg : args) {
            if (arg.startsWith("--port=")) {
                b.port(Integer.parseInt(arg.substring("--port=".length())));
            } else if (arg.startsWith("--data-dir=")) {
                b.dataDir(Path.of(arg.substring("--data-dir=".length())));
            } else if (arg.startsWith("--pool-size=")) {
                b.poolSize(Integer.parseInt(arg.substring("--pool-size=".length())));
            } else {
                System.err.println("usage: LocalClickHouseServer [--port=8123] [--data-dir=DIR] [--pool-size=N]");
                System.exit(2);
            }
        }
        long started = System.nanoTime();
        LocalClickHouseServer server = b.start();
        // The JVM runs shutdown hooks on SIGTERM and SIGINT; closing there flushes nothing extra (MergeTree parts
        // are durable once an INSERT returns) but ends in-flight requests and the engine in order.
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "clickhouse-local-shutdown"));
        System.out.printf(
                "ClickHouse %s HTTP interface at %s (data %s, started in %d ms)%n",
                server.version(), server.httpUrl(), server.dataDir(), (System.nanoTime() - started) / 1_000_000);
        System.out.println("JDBC: " + server.jdbcUrl() + " with compress=false");
        System.out.flush();
        server.awaitClose();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v.strip();
    }
}
