package io.kpipulse.api.bench;

import io.javalin.Javalin;
import io.kpipulse.api.ApiApp;
import io.kpipulse.api.ApiConfig;
import io.kpipulse.api.ApiServices;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestSecurity;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.indicators.CurrentValuesConfig;
import io.kpipulse.api.indicators.ValueCacheConfig;
import io.kpipulse.api.storage.ConnectionPool;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.catalog.IndicatorDefinition;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Dashboard API benchmark (not a test; run by {@code deploy/bench/api-bench.sh}): a local ClickHouse seeded
 * directly with 10,000 employees × every month-to-date employee indicator of the template library × 13
 * months, each row in two unmerged versions (as after live updates), then the real API over HTTP at 1, 8
 * and 32 concurrent clients. Each client loops over the dashboard's three reads — a top-20 ranking, one
 * employee's scorecard (every indicator, with last month as the trend), and a 13-month growth curve —
 * for a fixed time after a warm-up; latency is request sent → whole body received. Appends a dated
 * section to deploy/bench/RESULTS.md.
 */
public final class DashboardBench {

    private static final String TENANT = "t-bench";
    /** 13 months to date, December 2025 to December 2026; the dashboard looks at 2026-12-15. */
    private static final LocalDate FIRST_MONTH = LocalDate.of(2025, 12, 1);

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 15);
    private static final int MONTHS = 13;
    private static final int[] CLIENTS = {1, 8, 32};
    private static final double TARGET_P99_MS = 25;

    private final int employees;
    private final Duration measure;
    private final Duration warmup;
    private final String resultsFile;
    private final ValueCacheConfig cache;
    private final CurrentValuesConfig memory;
    private final List<String> args;

    private DashboardBench(
            int employees,
            Duration measure,
            Duration warmup,
            String resultsFile,
            ValueCacheConfig cache,
            CurrentValuesConfig memory,
            List<String> args) {
        this.employees = employees;
        this.cache = cache;
        this.memory = memory;
        this.measure = measure;
        this.warmup = warmup;
        this.resultsFile = resultsFile;
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        int employees = 10_000;
        Duration measure = Duration.ofSeconds(20);
        Duration warmup = Duration.ofSeconds(5);
        String results = "deploy/bench/RESULTS.md";
        ValueCacheConfig cache = ValueCacheConfig.defaults();
        CurrentValuesConfig memory = CurrentValuesConfig.defaults();
        for (int i = 0; i < argv.length; i++) {
            switch (argv[i]) {
                case "--employees" -> employees = Integer.parseInt(argv[++i]);
                case "--seconds" -> measure = Duration.ofSeconds(Long.parseLong(argv[++i]));
                case "--warmup-seconds" -> warmup = Duration.ofSeconds(Long.parseLong(argv[++i]));
                case "--results" -> results = argv[++i];
                case "--cache-entries" -> cache = new ValueCacheConfig(Integer.parseInt(argv[++i]), cache.maxAge());
                case "--memory" ->
                    memory = memory.enabled(
                            switch (argv[++i]) {
                                case "on" -> true;
                                case "off" -> false;
                                default -> throw new IllegalArgumentException("--memory on|off, got " + argv[i]);
                            });
                default -> throw new IllegalArgumentException("unknown option " + argv[i]);
            }
        }
        int status = 0;
        try {
            new DashboardBench(employees, measure, warmup, results, cache, memory, List.of(argv)).run();
        } catch (Exception e) {
            e.printStackTrace();
            status = 1;
        }
        System.exit(status); // the local ClickHouse and HTTP client threads are not all daemons
    }

    private void run() throws Exception {
        Path work = Files.createTempDirectory("kpi-api-bench-");
        IndicatorCatalog catalog = CatalogYaml.templateLibrary();
        List<String> indicators = catalog.indicators().stream()
                .filter(d -> d.windows().contains(WindowType.MONTH_TO_DATE)
                        && d.subjects().contains(SubjectType.EMPLOYEE))
                .map(IndicatorDefinition::id)
                .toList();
        try (LocalClickHouseServer clickHouse = LocalClickHouseServer.builder()
                .port(0)
                .dataDir(work.resolve("clickhouse"))
                .start()) {
            ClickHouseConnector connector =
                    new ClickHouseConnector(clickHouse.jdbcUrl(), "kpi_bench", "default", "", true);
            try (Connection c = connector.openWithoutDatabase();
                    Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE IF NOT EXISTS kpi_bench");
            }
            connector.migrator().migrate();
            long seeded = System.nanoTime();
            long rows = seed(connector, indicators);
            double seedSeconds = (System.nanoTime() - seeded) / 1e9;
            log(String.format("seeded %,d rows (%d indicators) in %.1f s", rows, indicators.size(), seedSeconds));

            TenantRegistry tenants = TenantRegistry.parse("tenants: [{id: " + TENANT + ", zone: Asia/Shanghai}]");
            Clock clock = Clock.fixed(TODAY.atTime(10, 0).toInstant(ZoneOffset.ofHours(8)), ZoneOffset.UTC);
            // Signed in as an executive (whole tenant), as a dashboard is: the access manager is part of the cost.
            TestTokens tokens = new TestTokens(clock);
            long heapBefore = usedHeap();
            long loadStarted = System.nanoTime();
            try (ConnectionPool pool = new ConnectionPool(connector, 16, Duration.ofSeconds(30));
                    ApiServices services = ApiServices.builder(
                                    pool, tenants, () -> catalog, clock, TestSecurity.services(pool, clock, tokens))
                            .valueRead(ValueReadStrategy.FINAL)
                            .healthTimeout(Duration.ofSeconds(5))
                            .cache(cache)
                            .memory(memory)
                            .build()) {
                if (memory.enabled()) {
                    awaitMemory(services, loadStarted, heapBefore);
                }
                Javalin app = ApiApp.create(services, ApiConfig.forTests()).start();
                bearer = tokens.bearer(TENANT, null, Role.EXECUTIVE);
                try {
                    report(
                            measureAll("http://127.0.0.1:" + app.port(), connector),
                            rows,
                            indicators.size(),
                            seedSeconds);
                } finally {
                    app.stop();
                }
            }
        }
    }

    /** What the in-memory values took: load time, heap and values kept (null with memory off). */
    private record MemoryCost(double loadSeconds, long heapBytes, long values, long slots) {}

    private MemoryCost memoryCost;

    /** Waits for the tenant's values to be in memory (the API answers from ClickHouse until then). */
    private void awaitMemory(ApiServices services, long loadStarted, long heapBefore) throws InterruptedException {
        while (!services.currentValues().ready(TENANT)) {
            if (System.nanoTime() - loadStarted > Duration.ofMinutes(5).toNanos()) {
                throw new IllegalStateException("values not in memory after 5 minutes");
            }
            Thread.sleep(50);
        }
        double seconds = (System.nanoTime() - loadStarted) / 1e9;
        var values = services.currentValues().memory();
        memoryCost =
                new MemoryCost(seconds, usedHeap() - heapBefore, values.valueCount(TENANT), values.slotCount(TENANT));
        log(String.format(
                "%,d values in memory (%,d slots) in %.1f s, heap +%,d bytes (%.1f per value)",
                memoryCost.values(),
                memoryCost.slots(),
                seconds,
                memoryCost.heapBytes(),
                (double) memoryCost.heapBytes() / memoryCost.values()));
    }

    /** Heap in use after a full collection (System.gc() is a request; G1 honours it here). */
    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        for (int i = 0; i < 2; i++) {
            System.gc();
        }
        return r.totalMemory() - r.freeMemory();
    }

    /**
     * Two versions of every row, in separate inserts (parts), one month at a time, written (updated_at) over
     * the day before yesterday: history, not news, so the API's change feed starts past it as it would in
     * production, and no 2-second overlap of the feed holds more than a few hundred rows. Each insert is written
     * as the engine writes: in its own half hour, later inserts later, and within one insert in the table's sort
     * order, so the feed's skip index on {@code updated_at} (V005) skips old granules as it does on rows flushed
     * over time. (Until 2026-12-01 18:45 every row had a random time of that day: every granule spanned the whole
     * day, the skip index skipped little, and the feed's polls alone read 234,308 rows and took 266 ms of CPU a
     * second, about half of the CPU measured per request.) Merges are stopped first:
     * the reads then always meet the unmerged worst case, and no background merge of millions of rows
     * competes with the requests measured.
     */
    private long seed(ClickHouseConnector connector, List<String> indicators) throws Exception {
        // In the table's sort order (indicator, then subject), so updated_at grows along each part.
        List<String> sorted = indicators.stream().sorted().toList();
        String ids = String.join(",", sorted.stream().map(i -> "'" + i + "'").toList());
        long slotMillis = Duration.ofMinutes(30).toMillis();
        long spacingMillis = Math.max(1, slotMillis * 5 / 6 / ((long) sorted.size() * employees));
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            s.execute("SYSTEM STOP MERGES indicator_values");
            // The subject-first copy the point reads use (V019), filled by the same inserts: unmerged as well.
            s.execute("SYSTEM STOP MERGES indicator_values_by_subject");
            for (int version = 1; version <= 2; version++) {
                for (int m = 0; m < MONTHS; m++) {
                    LocalDate start = FIRST_MONTH.plusMonths(m);
                    // Values in 0.00 .. 99,999.99 from a hash, so rankings have ties and every employee differs.
                    s.execute(
                            "INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment, event_count, last_event_time, catalog_version, version, updated_at) SELECT '"
                                    + TENANT + "', ind, 'MONTH_TO_DATE',"
                                    + " toDate('" + start + "'), toDate('"
                                    + start.plusMonths(1).minusDays(1) + "'),"
                                    + " 'EMPLOYEE', concat('e-', leftPad(toString(number), 5, '0')) AS subject,"
                                    + " toDecimal128(cityHash64(ind, subject, " + m + ") % 10000000, 6) / 100 + "
                                    + version
                                    + " AS v, v, NULL, toDecimal128(60000, 6), v / 60000, " + version + ","
                                    + " now64(3), 2, " + version + ", now64(3) - INTERVAL 1 DAY"
                                    + " + toIntervalMillisecond(" + (((version - 1L) * MONTHS + m) * slotMillis)
                                    + " + ((ind_no - 1) * " + employees + " + number) * " + spacingMillis + ")"
                                    + " FROM numbers(" + employees + ") ARRAY JOIN [" + ids + "] AS ind,"
                                    + " arrayEnumerate([" + ids + "]) AS ind_no");
                }
            }
        }
        return 2L * MONTHS * employees * indicators.size();
    }

    private record Route(String name, java.util.function.Function<ThreadLocalRandom, String> path) {}

    private List<Route> routes() {
        String base = "/api/v1/tenants/" + TENANT;
        return List.of(
                new Route(
                        "ranking top-20",
                        r -> base + "/rankings?indicator=new_policy_premium&window=MONTH_TO_DATE&date=" + TODAY
                                + "&subjectType=EMPLOYEE&limit=20"),
                new Route("scorecard", r -> base + "/subjects/EMPLOYEE/" + employee(r) + "/scorecard?date=" + TODAY),
                new Route(
                        "history 13 months",
                        r -> base + "/subjects/EMPLOYEE/" + employee(r)
                                + "/history?indicator=new_policy_premium&window=MONTH_TO_DATE&from=" + FIRST_MONTH
                                + "&to=" + TODAY + "&step=MONTH"));
    }

    private String employee(ThreadLocalRandom r) {
        return String.format("e-%05d", r.nextInt(employees));
    }

    /** What one concurrency level cost the machine, besides the latencies. */
    private record Cost(
            double cpuMillisPerRequest,
            double selectsPerRequest,
            double rowsReadPerRequest,
            String loadBefore,
            String loadAfter,
            int errors) {}

    /** The engine's own counters since it started: SELECT queries run and rows read by them. */
    private record EngineCounters(long selects, long rowsRead) {

        static EngineCounters read(ClickHouseConnector connector) throws Exception {
            try (Connection c = connector.open();
                    Statement s = c.createStatement();
                    java.sql.ResultSet rs = s.executeQuery("SELECT sumIf(value, event = 'SelectQuery') AS selects,"
                            + " sumIf(value, event = 'SelectedRows') AS rows_read FROM system.events")) {
                rs.next();
                return new EngineCounters(rs.getLong("selects"), rs.getLong("rows_read"));
            }
        }
    }

    private final Map<Level, Cost> costs = new LinkedHashMap<>();

    /**
     * What the process costs per second with no request at all: the live change feed's polls, and whatever else
     * runs (JIT compilation, GC, chDB's own threads). {@code top} names the Java threads that took the most CPU;
     * {@code outsideJavaThreads} is the rest of the process's CPU (compiler and GC threads, chDB's native threads).
     */
    private record Idle(
            double cpuMillisPerSecond,
            double selectsPerSecond,
            double rowsReadPerSecond,
            String top,
            double outsideJavaThreadsMillisPerSecond) {}

    private Idle idle;
    private Idle idleAfterLevels;

    private static Idle idleCost(ClickHouseConnector connector) throws Exception {
        Duration quiet = Duration.ofSeconds(10);
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Map<Long, Long> threadsBefore = threadCpu(threads);
        long cpuBefore = processCpuNanos();
        EngineCounters before = EngineCounters.read(connector);
        Thread.sleep(quiet.toMillis());
        double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6;
        Map<Long, Long> threadsAfter = threadCpu(threads);
        EngineCounters after = EngineCounters.read(connector);
        double seconds = quiet.toSeconds();
        // Per thread name, digits folded (pool-3-thread-1 and pool-4-thread-2 are one kind of thread).
        Map<String, Long> byName = new java.util.TreeMap<>();
        long javaThreads = 0;
        for (var e : threadsAfter.entrySet()) {
            long spent = e.getValue() - threadsBefore.getOrDefault(e.getKey(), 0L);
            java.lang.management.ThreadInfo info = threads.getThreadInfo(e.getKey());
            if (spent <= 0 || info == null) {
                continue;
            }
            javaThreads += spent;
            byName.merge(info.getThreadName().replaceAll("[0-9]+", "N"), spent, Long::sum);
        }
        String top = byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(4)
                .map(e -> String.format("%s %.1f", e.getKey(), e.getValue() / 1e6 / seconds))
                .collect(java.util.stream.Collectors.joining(", "));
        return new Idle(
                cpuMillis / seconds,
                (after.selects() - before.selects()) / seconds,
                (after.rowsRead() - before.rowsRead()) / seconds,
                top,
                Math.max(0, cpuMillis - javaThreads / 1e6) / seconds);
    }

    private static Map<Long, Long> threadCpu(java.lang.management.ThreadMXBean threads) {
        Map<Long, Long> cpu = new java.util.HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            long nanos = threads.getThreadCpuTime(id);
            if (nanos >= 0) {
                cpu.put(id, nanos);
            }
        }
        return cpu;
    }

    /**
     * How the bench's clients speak HTTP. {@code JDK}: java.net.http.HttpClient, one per client (its own selector
     * thread and executor: several thread hand-offs per request). {@code SOCKET}: one blocking keep-alive socket
     * per client writing the request and reading the answer itself, as wrk does. The clients run in the measured
     * process, so their own CPU is counted in every figure: both are measured in one run to show what the
     * instrument costs.
     */
    enum ClientKind {
        JDK,
        SOCKET
    }

    /** One measured level: so many clients of one kind. */
    record Level(int clients, ClientKind kind) {}

    /** Latencies in microseconds by level, then route. */
    private Map<Level, Map<String, long[]>> measureAll(String url, ClickHouseConnector connector) throws Exception {
        Map<Level, Map<String, long[]>> all = new LinkedHashMap<>();
        run(url, new Level(8, ClientKind.JDK), warmup); // JIT, ClickHouse caches and connection set-up; not recorded
        run(url, new Level(8, ClientKind.SOCKET), warmup);
        idle = idleCost(connector);
        for (int clients : CLIENTS) {
            for (ClientKind kind : ClientKind.values()) {
                Level level = new Level(clients, kind);
                String loadBefore = loadAverage();
                long cpuBefore = processCpuNanos();
                EngineCounters countersBefore = EngineCounters.read(connector);
                errors.set(0);
                Map<String, long[]> byRoute = run(url, level, measure);
                // API, chDB and the clients share this process, so its CPU time is the whole cost of the requests.
                double cpuMillis = (processCpuNanos() - cpuBefore) / 1e6;
                EngineCounters countersAfter = EngineCounters.read(connector);
                // The counters include the live change feed's polls (4 a second) and this probe: both are part of
                // the cost.
                double requests = Math.max(1, byRoute.get("all three").length);
                costs.put(
                        level,
                        new Cost(
                                cpuMillis / requests,
                                (countersAfter.selects() - countersBefore.selects()) / requests,
                                (countersAfter.rowsRead() - countersBefore.rowsRead()) / requests,
                                loadBefore,
                                loadAverage(),
                                errors.get()));
                all.put(level, byRoute);
                byRoute.forEach((route, micros) -> log(String.format(
                        "%2d clients %-6s  %-18s n=%6d  p50 %7.2f ms  p99 %7.2f ms",
                        clients, kind, route, micros.length, pct(micros, 50), pct(micros, 99))));
            }
        }
        // Again once the JIT has compiled what the levels ran: the first idle window overlaps its compilations.
        Thread.sleep(5_000);
        idleAfterLevels = idleCost(connector);
        return all;
    }

    private Map<String, long[]> run(String url, Level level, Duration duration) throws Exception {
        List<Route> routes = routes();
        ExecutorService pool = Executors.newFixedThreadPool(level.clients());
        Instant end = Instant.now().plus(duration);
        List<Future<List<List<Long>>>> futures = new ArrayList<>();
        for (int c = 0; c < level.clients(); c++) {
            int first = c;
            futures.add(pool.submit(() -> level.kind() == ClientKind.JDK
                    ? client(url, routes, first, end)
                    : socketClient(url, routes, first, end)));
        }
        List<List<Long>> merged = new ArrayList<>();
        routes.forEach(r -> merged.add(new ArrayList<>()));
        for (Future<List<List<Long>>> f : futures) {
            List<List<Long>> perRoute = f.get();
            for (int i = 0; i < routes.size(); i++) {
                merged.get(i).addAll(perRoute.get(i));
            }
        }
        pool.shutdown();
        Map<String, long[]> byRoute = new LinkedHashMap<>();
        List<Long> every = new ArrayList<>();
        for (int i = 0; i < routes.size(); i++) {
            byRoute.put(routes.get(i).name(), sorted(merged.get(i)));
            every.addAll(merged.get(i));
        }
        byRoute.put("all three", sorted(every));
        return byRoute;
    }

    /** The executive's token every client sends; set once the app is up. */
    private static volatile String bearer;

    /** Answers other than 200 during the current level. */
    private static final java.util.concurrent.atomic.AtomicInteger errors =
            new java.util.concurrent.atomic.AtomicInteger();

    /** One client: its own HTTP connection, the routes in turn (starting at a different one per client). */
    private static List<List<Long>> client(String url, List<Route> routes, int first, Instant end)
            throws IOException, InterruptedException {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<List<Long>> micros = new ArrayList<>();
        routes.forEach(r -> micros.add(new ArrayList<>()));
        for (int i = first; Instant.now().isBefore(end); i++) {
            int route = i % routes.size();
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create(url + routes.get(route).path().apply(random)))
                    .header("Authorization", bearer)
                    .build();
            long start = System.nanoTime();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long took = (System.nanoTime() - start) / 1000;
            if (response.statusCode() != 200) {
                // An overloaded machine times out on the connection pool (500): counted, not measured.
                errors.incrementAndGet();
                continue;
            }
            micros.get(route).add(took);
        }
        return micros;
    }

    /**
     * The same loop over one plain HTTP/1.1 keep-alive socket: the request written in one go, the answer's status
     * line and headers read, then its whole body (by Content-Length, or chunk by chunk); reconnects when the server
     * closes.
     */
    private static List<List<Long>> socketClient(String url, List<Route> routes, int first, Instant end)
            throws IOException {
        URI base = URI.create(url);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<List<Long>> micros = new ArrayList<>();
        routes.forEach(r -> micros.add(new ArrayList<>()));
        java.net.Socket socket = null;
        java.io.InputStream in = null; // buffered, kept across answers: a read may hold the start of the next
        try {
            for (int i = first; Instant.now().isBefore(end); i++) {
                if (socket == null) {
                    socket = new java.net.Socket(base.getHost(), base.getPort());
                    socket.setTcpNoDelay(true);
                    in = new java.io.BufferedInputStream(socket.getInputStream(), 64 * 1024);
                }
                int route = i % routes.size();
                byte[] request = ("GET " + routes.get(route).path().apply(random) + " HTTP/1.1\r\nHost: "
                                + base.getAuthority() + "\r\nAuthorization: " + bearer + "\r\n\r\n")
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                long start = System.nanoTime();
                socket.getOutputStream().write(request);
                HttpAnswer answer = HttpAnswer.read(in);
                long took = (System.nanoTime() - start) / 1000;
                if (answer.close()) {
                    socket.close();
                    socket = null;
                }
                if (answer.status() != 200) {
                    errors.incrementAndGet();
                    continue;
                }
                micros.get(route).add(took);
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
        return micros;
    }

    /** An HTTP/1.1 answer read off a socket: its status, and whether the server closes the connection. */
    record HttpAnswer(int status, boolean close) {

        static HttpAnswer read(java.io.InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    length = Long.parseLong(value);
                } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.equalsIgnoreCase("chunked");
                } else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(line(in).split(";")[0].trim(), 16);
                        size > 0;
                        size = Long.parseLong(line(in).split(";")[0].trim(), 16)) {
                    skip(in, size);
                    line(in);
                }
                for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
                    // trailers: none expected
                }
            } else if (length >= 0) {
                skip(in, length);
            } else {
                close = true; // the body runs to the end of the connection
                while (in.read() >= 0) {
                    // read it all
                }
            }
            return new HttpAnswer(status, close);
        }

        private static String line(java.io.InputStream in) throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new java.io.EOFException("connection closed mid-answer");
                }
                if (b != '\r') {
                    line.append((char) b);
                }
            }
            return line.toString();
        }

        private static void skip(java.io.InputStream in, long n) throws IOException {
            long left = n;
            while (left > 0) {
                long skipped = in.skip(left);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new java.io.EOFException("connection closed mid-body");
                    }
                    skipped = 1;
                }
                left -= skipped;
            }
        }
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** The 1-minute load average: other work on the machine competes for the same cores. */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long[] sorted(List<Long> values) {
        long[] a = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(a);
        return a;
    }

    private static double pct(long[] sortedMicros, int percentile) {
        return BenchReport.percentile(sortedMicros, percentile) / 1000.0;
    }

    private void report(Map<Level, Map<String, long[]>> all, long rows, int indicators, double seedSeconds)
            throws Exception {
        StringBuilder md = BenchReport.header(
                "dashboard API",
                "deploy/bench/api-bench.sh " + String.join(" ", args),
                "ClickHouse (chDB behind the local HTTP server), the API and the clients in one JVM");
        md.append(String.format(
                "- data: %,d employees × %d month-to-date indicators × %d months, two unmerged versions each:"
                        + " %,d rows in `indicator_values` and its subject-first copy (merges stopped), seeded in"
                        + " %.0f s; rankings read with FINAL\n",
                employees, indicators, MONTHS, rows, seedSeconds));
        md.append(String.format(
                "- each client loops over the three routes for %d s after an 8-client warm-up of %d s; latency = request"
                        + " sent → body received\n",
                measure.toSeconds(), warmup.toSeconds()));
        md.append(
                cache.entries() == 0
                        ? "- answer cache off\n\n"
                        : String.format(
                                "- answer cache on: %,d answers per tenant, max age %d s, emptied by the live change feed"
                                        + " (nothing is written during the run, so a repeated question is a hit)\n\n",
                                cache.entries(), cache.maxAge().toSeconds()));
        if (memoryCost != null) {
            md.insert(
                    md.lastIndexOf("\n\n") + 1,
                    String.format(
                            "- values in memory (kpi.api.memory.*, defaults): %,d values of %d months loaded in %.1f s"
                                    + " (every stored version read as RowBinary), heap +%,.0f MB after a full GC ="
                                    + " %.0f bytes per value (%,d slots allocated); names kept per tenant and day;"
                                    + " answers from memory skip the answer cache%n",
                            memoryCost.values(),
                            memory.months() + 1,
                            memoryCost.loadSeconds(),
                            memoryCost.heapBytes() / 1e6,
                            (double) memoryCost.heapBytes() / memoryCost.values(),
                            memoryCost.slots()));
        } else {
            md.insert(md.lastIndexOf("\n\n") + 1, "- values in memory off (kpi.api.memory.enabled=false)\n");
        }
        md.append("- two clients, each measured at every level in this run (they run in the measured process, so"
                + " their CPU is in every figure): `JDK` = java.net.http.HttpClient per client (as until 2026-12-02),"
                + " `SOCKET` = a plain HTTP/1.1 keep-alive socket per client, request written and answer read by the"
                + " bench itself, as wrk does\n\n");
        md.append("| clients | client | route | requests | p50 ms | p99 ms |\n|---|---|---|---|---|---|\n");
        all.forEach((level, byRoute) -> byRoute.forEach((route, micros) -> md.append(String.format(
                "| %d | %s | %s | %,d | %.1f | %.1f |%n",
                level.clients(), level.kind(), route, micros.length, pct(micros, 50), pct(micros, 99)))));
        md.append("\n| clients | client | process CPU per request, ms | SELECTs per request | rows read per request"
                + " | load average (1 min) before → after | answers not 200 |\n"
                + "|---|---|---|---|---|---|---|\n");
        costs.forEach((level, cost) -> md.append(String.format(
                "| %d | %s | %.2f | %.2f | %,.0f | %s → %s | %d |%n",
                level.clients(),
                level.kind(),
                cost.cpuMillisPerRequest(),
                cost.selectsPerRequest(),
                cost.rowsReadPerRequest(),
                cost.loadBefore(),
                cost.loadAfter(),
                cost.errors())));
        md.append("(SELECTs and rows read: the engine's `SelectQuery` and `SelectedRows` counters over the level,"
                + " the live change feed's polls included.)\n");
        for (var window : List.of(
                Map.entry("after the warm-up (as until 2026-12-02: it overlaps the JIT's compilations)", idle),
                Map.entry("after the levels and 5 s of rest", idleAfterLevels))) {
            Idle i = window.getValue();
            md.append(String.format(
                    "Idle, no request for 10 s %s: %.1f ms CPU, %.1f SELECTs and %,.0f rows read per second; Java"
                            + " threads (ms/s): %s; outside Java threads (JIT compiler, GC, chDB native): %.1f ms/s.%n",
                    window.getKey(),
                    i.cpuMillisPerSecond(),
                    i.selectsPerSecond(),
                    i.rowsReadPerSecond(),
                    i.top().isEmpty() ? "none" : i.top(),
                    i.outsideJavaThreadsMillisPerSecond()));
        }
        for (ClientKind kind : ClientKind.values()) {
            double p99 = pct(all.get(new Level(32, kind)).get("all three"), 99);
            md.append(String.format(
                    "%nTarget p99 ≤ %.0f ms at 32 clients, %s client: %s (p99 %.1f ms over all three routes%s).",
                    TARGET_P99_MS,
                    kind,
                    p99 <= TARGET_P99_MS ? "met" : "missed",
                    p99,
                    p99 <= TARGET_P99_MS ? "" : String.format(", %.1f× the target", p99 / TARGET_P99_MS)));
        }
        md.append("\n");
        System.out.print(md);
        Files.writeString(Path.of(resultsFile), md, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        log("appended to " + resultsFile);
    }

    private static void log(String message) {
        System.out.println("[api-bench] " + message);
    }
}
