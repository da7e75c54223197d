package io.kpipulse.stack;

import io.kpipulse.api.ApiMain;
import io.kpipulse.api.ApiOptions;
import io.kpipulse.api.auth.AuthOptions;
import io.kpipulse.api.auth.DemoUsers;
import io.kpipulse.api.auth.PasswordHash;
import io.kpipulse.api.auth.UserDirectory;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import io.kpipulse.config.Settings;
import io.kpipulse.kafka.local.LocalKafkaBroker;
import io.kpipulse.pipeline.Checkpoints;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.pipeline.IndicatorJob;
import io.kpipulse.pipeline.JobArguments;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationConfig;
import io.kpipulse.simulator.SimulatorMain;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.storage.ClickHouseOptions;
import io.kpipulse.tenants.TenantCalendar;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole product on one machine with one command: a KRaft Kafka broker and the ClickHouse server in
 * their own JVMs, migrations and topics, the indicator engine on a Flink MiniCluster in this JVM (or, with
 * {@link StackOptions#FLINK_REST_URL}, on a Flink session cluster), the API and the simulator. Everything lives under one state directory; Ctrl-C stops it all in reverse order.
 *
 * <p>Usage: {@code LocalStack [--reset]} — {@code --reset} wipes the state directory first. Settings come
 * from {@link StackOptions} (system properties or KPI_STACK_* environment variables).
 */
public final class LocalStack implements AutoCloseable {

    private final Settings settings;
    private final Path stateDir;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private Thread simulator;

    /**
     * What a started stack tells its user: where the dashboard and the broker are, the simulated companies and
     * who may sign in (the passwords exist only here and on the printed sheet).
     */
    record Started(
            String dashboardUrl,
            String bootstrapServers,
            String clickHouseJdbcUrl,
            SimulationConfig simulation,
            List<DemoUsers.SignIn> signIns) {}

    LocalStack(Settings settings) {
        this.settings = settings;
        this.stateDir = Path.of(settings.get(StackOptions.STATE_DIR)).toAbsolutePath();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromProcess();
        LocalStack stack = new LocalStack(settings);
        if (List.of(args).contains("--reset")) {
            stack.wipe();
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("stopping KPI Pulse…");
                            stack.close();
                            stopped.countDown();
                        },
                        "kpi-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("KPI Pulse could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    Started start() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(stateDir.resolve("logs"));
        int clickHousePort = settings.get(StackOptions.CLICKHOUSE_PORT);
        ChildJvm clickHouse = ChildJvm.start(
                "clickhouse",
                LocalClickHouseServer.class.getName(),
                List.of("-Xmx256m", "-Dsun.net.httpserver.nodelay=true"),
                List.of("--port=" + clickHousePort, "--data-dir=" + stateDir.resolve("clickhouse")),
                Map.of("TZ", "UTC"),
                stateDir.resolve("logs/clickhouse.log"));
        running.push(clickHouse);
        clickHouse.awaitReady(() -> ping(clickHousePort), Duration.ofMinutes(5));
        System.out.println("ClickHouse  http://127.0.0.1:" + clickHousePort + "  (log " + clickHouse.log() + ")");

        LocalKafkaBroker kafka = LocalKafkaBroker.builder()
                .port(settings.get(StackOptions.KAFKA_PORT))
                .dataDir(stateDir.resolve("kafka"))
                .start();
        running.push(kafka);
        TopicSetup.ensure(kafka.bootstrapServers(), settings.get(StackOptions.PARTITIONS));
        System.out.println("Kafka       " + kafka.bootstrapServers() + "  (log " + kafka.logFile() + ")");

        Settings engine = settings.with(EngineOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(ClickHouseOptions.URL, "jdbc:clickhouse://127.0.0.1:" + clickHousePort)
                .with(
                        EngineOptions.CHECKPOINT_DIR,
                        stateDir.resolve("checkpoints").toUri().toString());
        if (settings.get(StackOptions.FLINK_REST_URL).isBlank()) {
            JobClient job = startEngine(engine);
            running.push(() -> job.cancel().get());
            System.out.println("Engine      Flink job " + job.getJobID() + " (checkpoints "
                    + stateDir.resolve("checkpoints") + ")");
        } else {
            submitEngine(engine);
        }

        SimulationConfig simulation = simulationConfig(kafka.bootstrapServers());
        Path users = stateDir.resolve("users.json");
        List<DemoUsers.SignIn> signIns = demoUsers(simulation, users);
        ApiMain.Running api = ApiMain.start(engine.with(ApiOptions.PORT, settings.get(StackOptions.API_PORT))
                .with(AuthOptions.LOCAL_ISSUER, true)
                .with(AuthOptions.LOCAL_USERS_FILE, users.toString()));
        running.push(api);
        System.out.println(
                "API         " + api.url() + "/health   " + api.url() + "/api/v1/tenants/t-acme-life/indicators");
        System.out.println("Dashboard   " + api.url() + "/   sign in as one of (new passwords at every start):");
        System.out.print(DemoUsers.sheet(signIns).indent(12));

        if (settings.get(StackOptions.SIMULATOR)) {
            startSimulator(simulation);
        }
        System.out.printf(
                "KPI Pulse is up in %.1f s. State: %s. Ctrl-C stops it.%n",
                (System.nanoTime() - started) / 1e9, stateDir);
        return new Started(
                api.url() + "/", kafka.bootstrapServers(), engine.get(ClickHouseOptions.URL), simulation, signIns);
    }

    /** Waits until the simulator has produced everything it streams (at once when it does not run). */
    boolean awaitSimulator(Duration timeout) throws InterruptedException {
        if (simulator == null) {
            return true;
        }
        simulator.join(timeout.toMillis());
        return !simulator.isAlive();
    }

    /**
     * Streams the last 30 days of the simulated companies once; a restart finds the ground truth written
     * and does not produce the same events again (they would only be dropped as duplicates or late).
     */
    private void startSimulator(SimulationConfig config) {
        Path out = stateDir.resolve("simulator");
        if (Files.exists(out.resolve("expected-counts.json"))) {
            System.out.println("Simulator   already streamed (ground truth in " + out + ")");
            return;
        }
        simulator = new Thread(
                () -> {
                    try {
                        SimulatorMain.run(config, System.out);
                    } catch (Exception e) {
                        System.err.println("simulator stopped: " + e);
                    }
                },
                "kpi-simulator");
        simulator.setDaemon(true);
        simulator.start();
        System.out.println("Simulator   streaming " + config.start() + " .. "
                + config.start().plusDays(config.days() - 1) + " at " + settings.get(StackOptions.SIM_RATE)
                + " events/s (ground truth in " + out + ")");
    }

    /** The last 30 days of the simulated companies, into this stack's broker, with its ground truth. */
    private SimulationConfig simulationConfig(String bootstrapServers) {
        LocalDate today = LocalDate.now(TenantCalendar.DEFAULT_ZONE);
        return SimulationConfig.from(settings.with(SimulatorOptions.BOOTSTRAP, bootstrapServers)
                .with(SimulatorOptions.SEED, settings.get(StackOptions.SIM_SEED))
                .with(SimulatorOptions.EMPLOYEES, settings.get(StackOptions.SIM_EMPLOYEES))
                .with(SimulatorOptions.START, today.minusDays(30))
                .with(SimulatorOptions.DAYS, 30)
                .with(SimulatorOptions.RATE, settings.get(StackOptions.SIM_RATE))
                .with(SimulatorOptions.FAULTS, "demo")
                .with(SimulatorOptions.PARTITIONS, settings.get(StackOptions.PARTITIONS))
                .with(SimulatorOptions.OUT, stateDir.resolve("simulator")));
    }

    /**
     * One demo user per role per simulated tenant, on people of the simulated companies, with fresh random
     * passwords: only their hashes go to {@code users}; the returned sign-ins are printed, never stored.
     */
    private static List<DemoUsers.SignIn> demoUsers(SimulationConfig simulation, Path users) {
        List<DemoUsers.Seats> seats =
                Simulation.companies(simulation).stream().map(DemoSeats::of).toList();
        List<DemoUsers.SignIn> signIns = DemoUsers.create(seats, new SecureRandom(), PasswordHash.DEFAULT_ITERATIONS);
        UserDirectory.write(users, DemoUsers.users(signIns), ApiJson.mapper());
        return signIns;
    }

    private JobClient startEngine(Settings engine) throws Exception {
        Configuration conf = IndicatorJob.flinkConfiguration(engine);
        var latest = Checkpoints.latest(stateDir.resolve("checkpoints"));
        latest.ifPresent(chk -> {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString());
            System.out.println("Engine      resuming from " + chk);
        });
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(engine.get(EngineOptions.PARALLELISM), conf);
        return IndicatorJob.start(env, engine);
    }

    /**
     * The engine on a Flink session cluster: its application jar uploaded and run through the REST API with the
     * stack's engine settings as program arguments, from the newest retained checkpoint when there is one (as the
     * in-process engine does). Stopping the stack cancels the job; its last checkpoint stays for the next start.
     */
    private void submitEngine(Settings engine) throws Exception {
        FlinkRestClient flink = new FlinkRestClient(settings.get(StackOptions.FLINK_REST_URL));
        if (!flink.reachable()) {
            throw new IOException("no Flink cluster answers at " + flink.url() + " (deploy/flink-cluster/start.sh)");
        }
        Path jar = Path.of(settings.get(StackOptions.FLINK_JOB_JAR));
        if (!Files.isRegularFile(jar)) {
            throw new IOException("no application jar at '" + jar + "' (" + StackOptions.FLINK_JOB_JAR.key() + ")");
        }
        List<String> args = JobArguments.options().stream()
                .filter(o -> !o.isSecret())
                .map(o -> "--" + o.key() + "=" + engine.get(o))
                .toList();
        var latest = Checkpoints.latest(stateDir.resolve("checkpoints"));
        latest.ifPresent(chk -> System.out.println("Engine      resuming from " + chk));
        String jobId = flink.run(
                flink.upload(jar),
                args,
                latest.map(chk -> chk.toUri().toString()).orElse(null));
        running.push(() -> flink.cancel(jobId));
        System.out.println("Engine      Flink job " + jobId + " on " + flink.url() + " (checkpoints "
                + stateDir.resolve("checkpoints") + ")");
    }

    private static boolean ping(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void wipe() throws IOException {
        if (!Files.exists(stateDir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(stateDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
        System.out.println("wiped " + stateDir);
    }

    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            try {
                running.pop().close();
            } catch (Exception e) {
                System.err.println("while stopping: " + e);
            }
        }
    }
}
