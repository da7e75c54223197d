package io.kpipulse.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one node), running in its
 * own JVM started from the Kafka jars on this module's class path.
 *
 * <pre>{@code
 * try (LocalKafkaBroker kafka = LocalKafkaBroker.builder().dataDir(dir).start()) {
 *     kafka.createTopic("kpi-events", 4, false);
 *     String bootstrap = kafka.bootstrapServers();
 * }
 * }</pre>
 *
 * <p>The data dir holds everything and survives restarts: {@code kraft-logs/} (Kafka's logs and KRaft metadata,
 * formatted once), {@code cluster.id}, the generated {@code server.properties}, the broker's log4j2 config and
 * {@code broker.log} (the child's stdout and stderr, appended across runs). Port 0 picks a free port at each start.
 *
 * <p>{@link #start()} returns once the broker answers an Admin {@code describeCluster}; {@link #close()} sends
 * SIGTERM (Kafka's clean shutdown), waits, and kills the process if it does not stop in time.
 * Not thread-safe for concurrent {@code close()} and {@code createTopic}; {@link #bootstrapServers()} is.
 */
public final class LocalKafkaBroker implements AutoCloseable {

    /** Name of the child's log file inside the data dir. */
    public static final String LOG_FILE = "broker.log";

    static final String LOG4J2_CONFIG = "log4j2-kafka-broker.xml";
    static final List<String> DEFAULT_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseG1GC");

    private final Process process;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String clusterId;
    private volatile Duration startupTime = Duration.ZERO;
    private final Duration stopTimeout;
    private final Thread shutdownHook;
    private Admin admin;
    private boolean closed;

    private LocalKafkaBroker(
            Process process, Path dataDir, int port, int controllerPort, String clusterId, Duration stopTimeout) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.clusterId = clusterId;
        this.stopTimeout = stopTimeout;
        this.shutdownHook = new Thread(this::stopProcess, "local-kafka-broker-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code 127.0.0.1:<port>}, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return BrokerConfig.HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The broker JVM's stdout and stderr (Kafka's own log through log4j2). */
    public Path logFile() {
        return dataDir.resolve(LOG_FILE);
    }

    public String clusterId() {
        return clusterId;
    }

    /** From launching the JVM to the first successful {@code describeCluster}. */
    public Duration startupTime() {
        return startupTime;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Properties for an Admin client of this broker. */
    public Properties adminProperties() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return props;
    }

    /** Creates a topic (one replica) and waits until every partition takes writes. */
    public void createTopic(String name, int partitions, boolean compacted) {
        createTopic(
                name,
                partitions,
                compacted ? Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT) : Map.of());
    }

    /** Creates a topic (one replica) with the given topic configs and waits until every partition takes writes. */
    public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
        Objects.requireNonNull(name, "name");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1: " + partitions);
        }
        NewTopic topic = new NewTopic(name, partitions, (short) 1).configs(configs);
        Admin client = admin();
        try {
            client.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            awaitWritable(client, name, Instant.now().plusSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + name, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create topic " + name + " on " + bootstrapServers(), e);
        }
    }

    /**
     * Waits until every partition of {@code topic} takes writes. A leader in the metadata is not enough: the
     * broker publishes it to its metadata cache before its replica manager becomes the leader, and an idempotent
     * producer whose first request falls in between has it refused (NOT_LEADER_OR_FOLLOWER) while a later request
     * to the same partition is appended; the retry of the first one is then out of sequence for ever and expires
     * after {@code delivery.timeout.ms} (KAFKA-15591). A latest-offset lookup is answered by the replica manager of
     * the leader, so once it succeeds for every partition a first produce request does too.
     */
    private static void awaitWritable(Admin client, String topic, Instant deadline)
            throws InterruptedException, TimeoutException {
        while (true) {
            try {
                TopicDescription description = client.describeTopics(List.of(topic))
                        .allTopicNames()
                        .get(5, TimeUnit.SECONDS)
                        .get(topic);
                if (description.partitions().stream()
                        .map(TopicPartitionInfo::leader)
                        .allMatch(Objects::nonNull)) {
                    Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
                    for (TopicPartitionInfo partition : description.partitions()) {
                        latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest());
                    }
                    client.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Not propagated yet (UnknownTopicOrPartition, NotLeaderOrFollower); ask again.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new TimeoutException("Partitions of " + topic + " do not take writes yet");
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
    }

    private Admin admin() {
        if (closed) {
            throw new IllegalStateException("The broker is closed");
        }
        if (admin == null) {
            admin = Admin.create(adminProperties());
        }
        return admin;
    }

    /** Stops the broker: SIGTERM, wait for Kafka's clean shutdown, then kill. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook runs (or ran) anyway.
        }
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "LocalKafkaBroker[" + bootstrapServers() + ", pid " + process.pid() + ", " + dataDir + "]";
    }

    /**
     * Runs a broker until Ctrl-C. Arguments (each falls back to an environment variable, then a default):
     * {@code --port} ({@code KPI_KAFKA_PORT}, 9092), {@code --controller-port} ({@code KPI_KAFKA_CONTROLLER_PORT},
     * 0 = free port), {@code --data-dir} ({@code KPI_KAFKA_DATA_DIR}, {@code ./target/kafka-local}).
     */
    public static void main(String[] args) throws InterruptedException {
        Map<String, String> options = parseArgs(args);
        int port = Integer.parseInt(option(options, "port", "KPI_KAFKA_PORT", "9092"));
        int controllerPort = Integer.parseInt(option(options, "controller-port", "KPI_KAFKA_CONTROLLER_PORT", "0"));
        Path dataDir = Path.of(option(options, "data-dir", "KPI_KAFKA_DATA_DIR", "target/kafka-local"));

        LocalKafkaBroker broker = builder()
                .port(port)
                .controllerPort(controllerPort)
                .dataDir(dataDir)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            broker.close();
                            stopped.countDown();
                        },
                        "local-kafka-broker-main-stop"));
        System.out.printf(
                "Kafka %s running (KRaft, cluster id %s, pid %d) after %d ms%n"
                        + "bootstrap.servers=%s%ndata dir: %s%nlog: %s%nCtrl-C to stop.%n",
                org.apache.kafka.common.utils.AppInfoParser.getVersion(),
                broker.clusterId(),
                broker.pid(),
                broker.startupTime().toMillis(),
                broker.bootstrapServers(),
                broker.dataDir(),
                broker.logFile());
        System.out.flush();
        while (!stopped.await(1, TimeUnit.SECONDS)) {
            if (!broker.isAlive()) {
                System.err.println("The broker process exited; see " + broker.logFile());
                System.exit(1);
            }
        }
    }

    private static Map<String, String> parseArgs(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("Unexpected argument: " + arg);
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                options.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                options.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("Missing value for " + arg);
            }
        }
        return options;
    }

    private static String option(Map<String, String> options, String name, String env, String fallback) {
        String value = options.get(name);
        if (value == null) {
            value = System.getenv(env);
        }
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Settings of a broker to start; reusable, e.g. to restart on the same data dir. */
    public static final class Builder {
        private int port;
        private int controllerPort;
        private Path dataDir;
        private String classpath;
        private List<String> jvmOptions = DEFAULT_JVM_OPTIONS;
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private Duration startTimeout = Duration.ofSeconds(90);
        private Duration stopTimeout = Duration.ofSeconds(30);

        private Builder() {}

        /** Client (PLAINTEXT) port on 127.0.0.1; 0 (the default) picks a free port. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** KRaft controller port on 127.0.0.1; 0 (the default) picks a free port. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        /** Where the broker keeps its data and log; created if missing, reused (not reformatted) if present. Required. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** Class path of the broker JVM; by default derived from the current JVM's class path. */
        public Builder classpath(String classpath) {
            this.classpath = Objects.requireNonNull(classpath, "classpath");
            return this;
        }

        /** JVM options of the broker process, replacing the default {@code -Xms128m -Xmx512m -XX:+UseG1GC}. */
        public Builder jvmOptions(List<String> jvmOptions) {
            this.jvmOptions = List.copyOf(jvmOptions);
            return this;
        }

        /** Overrides or adds one {@code server.properties} entry. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Launches the broker JVM and waits until it answers {@code describeCluster}.
         *
         * @throws IllegalStateException if it exits or does not answer within the start timeout; the message
         *                               carries the tail of its log
         */
        public LocalKafkaBroker start() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            String cp = classpath == null ? ChildClasspath.resolve() : ChildClasspath.verify(classpath);
            Path dir = dataDir.toAbsolutePath();
            // A port picked here may be taken by someone else before the broker binds it: then try fresh ports.
            int attempts = port == 0 || controllerPort == 0 ? 3 : 1;
            for (int attempt = 1; ; attempt++) {
                try {
                    return launch(cp, dir);
                } catch (PortTakenException e) {
                    if (attempt >= attempts) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("Could not prepare the local Kafka broker in " + dir, e);
                }
            }
        }

        private LocalKafkaBroker launch(String cp, Path dir) throws IOException {
            Files.createDirectories(dir);
            int brokerPort = port != 0 ? requireFree(port) : freePort();
            int ctrlPort = controllerPort != 0 ? requireFree(controllerPort) : freePort(brokerPort);
            String clusterId = clusterId(dir);
            writeProperties(
                    dir.resolve(KafkaBrokerProcess.SERVER_PROPERTIES),
                    BrokerConfig.serverProperties(brokerPort, ctrlPort, dir, brokerProperties));
            Path log4j = extractLog4jConfig(dir);
            Path logFile = dir.resolve(LOG_FILE);
            Files.writeString(
                    logFile,
                    "==== " + Instant.now() + " starting local Kafka broker on " + BrokerConfig.HOST + ":" + brokerPort
                            + " (controller " + ctrlPort + ")\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);

            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-Dlog4j2.configurationFile=" + log4j.toUri());
            command.addAll(classpathArguments(cp, dir));
            command.add(KafkaBrokerProcess.class.getName());
            command.add(dir.toString());
            command.add(KafkaBrokerProcess.EXIT_ON_STDIN_EOF);

            long t0 = System.nanoTime();
            Process process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            LocalKafkaBroker broker = new LocalKafkaBroker(process, dir, brokerPort, ctrlPort, clusterId, stopTimeout);
            try {
                awaitReady(
                        process, brokerPort, clusterId, logFile, Instant.now().plus(startTimeout));
            } catch (RuntimeException | Error e) {
                broker.close();
                throw e;
            }
            broker.startupTime = Duration.ofNanos(System.nanoTime() - t0);
            return broker;
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            return port;
        }
    }

    private static void awaitReady(Process process, int port, String clusterId, Path logFile, Instant deadline) {
        // First wait for the listener with plain connects, so the Admin client does not log a warning per attempt.
        while (!accepts(port)) {
            checkAlive(process, logFile);
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The local Kafka broker did not open port " + port
                        + " in time. Tail of " + logFile + ":\n" + tail(logFile, 60));
            }
            pause(process);
        }
        String bootstrap = BrokerConfig.HOST + ":" + port;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "2000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
        try (Admin probe = Admin.create(props)) {
            Throwable last = null;
            while (true) {
                checkAlive(process, logFile);
                try {
                    DescribeClusterResult cluster = probe.describeCluster();
                    Collection<?> nodes = cluster.nodes().get(2, TimeUnit.SECONDS);
                    // The cluster id check guards against answering for another broker on the same port.
                    if (!nodes.isEmpty() && clusterId.equals(cluster.clusterId().get(2, TimeUnit.SECONDS))) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for the local Kafka broker", e);
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(
                            "The local Kafka broker at " + bootstrap + " did not answer "
                                    + "describeCluster in time (last error: " + last + "). Tail of " + logFile + ":\n"
                                    + tail(logFile, 60),
                            last);
                }
                pause(process);
            }
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(BrokerConfig.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void checkAlive(Process process, Path logFile) {
        if (!process.isAlive()) {
            String tail = tail(logFile, 60);
            if (tail.contains("Address already in use")) {
                throw new PortTakenException(
                        "The local Kafka broker could not bind its ports. Tail of " + logFile + ":\n" + tail);
            }
            throw new IllegalStateException("The local Kafka broker exited with code " + process.exitValue()
                    + " before it was ready. Tail of " + logFile + ":\n" + tail);
        }
    }

    /** The broker exited because a port was taken. */
    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String message) {
            super(message);
        }

        PortTakenException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static int requireFree(int port) throws IOException {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(BrokerConfig.HOST))) {
            return port;
        } catch (java.net.BindException e) {
            throw new PortTakenException("Port " + port + " on " + BrokerConfig.HOST + " is already in use", e);
        }
    }

    /** Waits 100 ms, or less if the process exits meanwhile. */
    private static void pause(Process process) {
        try {
            process.waitFor(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the local Kafka broker", e);
        }
    }

    static String tail(Path file, int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + file + ": " + e + ")";
        }
    }

    /** The id in an existing {@code meta.properties} wins; else the stored {@code cluster.id}; else a new one. */
    private static String clusterId(Path dir) throws IOException {
        Path idFile = dir.resolve(KafkaBrokerProcess.CLUSTER_ID_FILE);
        Path meta = dir.resolve(BrokerConfig.KAFKA_LOG_DIR).resolve(KafkaBrokerProcess.META_PROPERTIES);
        String id = null;
        if (Files.isRegularFile(meta)) {
            Properties props = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                props.load(in);
            }
            id = props.getProperty("cluster.id");
        }
        if (id == null && Files.isRegularFile(idFile)) {
            id = Files.readString(idFile, StandardCharsets.UTF_8).trim();
        }
        if (id == null || id.isEmpty()) {
            id = Uuid.randomUuid().toString();
        }
        Files.writeString(idFile, id + "\n", StandardCharsets.UTF_8);
        return id;
    }

    /**
     * {@code -cp <cp>}, or {@code @<argument file>} holding it when it is too long for one command-line argument
     * (Linux caps a single argument at 128 KiB; a module with Flink on its test class path gets close).
     */
    private static List<String> classpathArguments(String cp, Path dir) throws IOException {
        if (cp.length() < 32 * 1024) {
            return List.of("-cp", cp);
        }
        Path argFile = dir.resolve("broker-classpath.args");
        String quoted = "\"" + cp.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        Files.writeString(argFile, "-cp " + quoted + "\n", StandardCharsets.UTF_8);
        return List.of("@" + argFile);
    }

    private static void writeProperties(Path file, Map<String, String> properties) throws IOException {
        StringBuilder text =
                new StringBuilder("# Generated by io.kpipulse.kafka.local.LocalKafkaBroker at each start.\n");
        properties.forEach((k, v) ->
                text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Path extractLog4jConfig(Path dir) throws IOException {
        Path target = dir.resolve(LOG4J2_CONFIG);
        try (InputStream in = LocalKafkaBroker.class.getResourceAsStream("/" + LOG4J2_CONFIG)) {
            if (in == null) {
                throw new IOException("Resource /" + LOG4J2_CONFIG + " is missing from kpi-kafka-local");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }

    private static int freePort(int... avoid) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(BrokerConfig.HOST))) {
                int candidate = socket.getLocalPort();
                if (java.util.Arrays.stream(avoid).noneMatch(p -> p == candidate)) {
                    return candidate;
                }
            }
        }
        throw new IOException("No free port found on " + BrokerConfig.HOST);
    }
}
