package io.kpipulse.stack;

import io.kpipulse.clickhouse.local.LocalClickHouseServer;
import io.kpipulse.config.Settings;
import io.kpipulse.kafka.local.LocalKafkaBroker;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.pipeline.IndicatorJob;
import io.kpipulse.storage.ClickHouseOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The whole product on one machine with one command: a KRaft Kafka broker and the ClickHouse server in
 * their own JVMs, migrations and topics, the indicator engine on a Flink MiniCluster in this JVM, the API
 * and the simulator. Everything lives under one state directory; Ctrl-C stops it all in reverse order.
 *
 * <p>Usage: {@code LocalStack [--reset]} — {@code --reset} wipes the state directory first. Settings come
 * from {@link StackOptions} (system properties or KPI_STACK_* environment variables).
 */
public final class LocalStack implements AutoCloseable {

    private final Settings settings;
    private final Path stateDir;
    private final Deque<AutoCloseable> running = new ArrayDeque<>();

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
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("stopping KPI Pulse…");
            stack.close();
            stopped.countDown();
        }, "kpi-stack-shutdown"));
        try {
            stack.start();
        } catch (Exception e) {
            System.err.println("KPI Pulse could not start: " + e.getMessage());
            System.exit(1);
        }
        stopped.await();
    }

    void start() throws Exception {
        long started = System.nanoTime();
        Files.createDirectories(stateDir.resolve("logs"));
        int clickHousePort = settings.get(StackOptions.CLICKHOUSE_PORT);
        ChildJvm clickHouse = ChildJvm.start("clickhouse", LocalClickHouseServer.class.getName(),
                List.of("-Xmx256m", "-Dsun.net.httpserver.nodelay=true"),
                List.of("--port=" + clickHousePort, "--data-dir=" + stateDir.resolve("clickhouse")),
                Map.of("TZ", "UTC"), stateDir.resolve("logs/clickhouse.log"));
        running.push(clickHouse);
        clickHouse.awaitReady(() -> ping(clickHousePort), Duration.ofMinutes(5));
        System.out.println("ClickHouse  http://127.0.0.1:" + clickHousePort + "  (log " + clickHouse.log() + ")");

        LocalKafkaBroker kafka = LocalKafkaBroker.builder().port(settings.get(StackOptions.KAFKA_PORT))
                .dataDir(stateDir.resolve("kafka")).start();
        running.push(kafka);
        TopicSetup.ensure(kafka.bootstrapServers(), settings.get(StackOptions.PARTITIONS));
        System.out.println("Kafka       " + kafka.bootstrapServers() + "  (log " + kafka.logFile() + ")");

        Settings engine = settings
                .with(EngineOptions.BOOTSTRAP_SERVERS, kafka.bootstrapServers())
                .with(ClickHouseOptions.URL, "jdbc:clickhouse://127.0.0.1:" + clickHousePort)
                .with(EngineOptions.CHECKPOINT_DIR, stateDir.resolve("checkpoints").toUri().toString());
        JobClient job = startEngine(engine);
        running.push(() -> job.cancel().get());
        System.out.println("Engine      Flink job " + job.getJobID() + " (checkpoints " + stateDir.resolve("checkpoints") + ")");

        System.out.printf("KPI Pulse is up in %.1f s. State: %s. Ctrl-C stops it.%n",
                (System.nanoTime() - started) / 1e9, stateDir);
    }

    private JobClient startEngine(Settings engine) throws Exception {
        Configuration conf = IndicatorJob.flinkConfiguration(engine);
        conf.set(CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION, ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        var latest = Checkpoints.latest(stateDir.resolve("checkpoints"));
        latest.ifPresent(chk -> {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, chk.toUri().toString());
            System.out.println("Engine      resuming from " + chk);
        });
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                engine.get(EngineOptions.PARALLELISM), conf);
        return IndicatorJob.start(env, engine);
    }

    private static boolean ping(int port) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).timeout(Duration.ofSeconds(2)).build(),
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
