package io.kpipulse.flinkcluster;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.stack.FlinkRestClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The standalone session cluster of {@code deploy/flink-cluster}, driven the way an operator does: its
 * {@code start.sh}/{@code stop.sh} scripts for the processes and Flink's REST API ({@link FlinkRestClient}) for
 * jobs. The processes are real: {@link #killTaskManager} sends SIGKILL to the TaskManager's pid.
 */
final class FlinkSessionCluster implements AutoCloseable {

    private final Path scripts;
    private final Path state;
    private final int restPort;
    private final int rpcPort;
    private final FlinkRestClient rest;

    private FlinkSessionCluster(Path scripts, Path state, int restPort, int rpcPort) {
        this.scripts = scripts;
        this.state = state;
        this.restPort = restPort;
        this.rpcPort = rpcPort;
        this.rest = new FlinkRestClient(restUrl());
    }

    /** A JobManager and one TaskManager on free ports, state in a fresh {@code state} directory. */
    static FlinkSessionCluster start(Path scripts, Path state) throws IOException, InterruptedException {
        deleteRecursively(state);
        FlinkSessionCluster cluster = new FlinkSessionCluster(scripts, state, freePort(), freePort());
        cluster.script("start.sh", "all");
        return cluster;
    }

    Path state() {
        return state;
    }

    String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** The cluster's REST API, as an operator's tooling would use it. */
    FlinkRestClient rest() {
        return rest;
    }

    /** Whether every vertex of the job is RUNNING (all its subtasks deployed again after a restart). */
    boolean allVerticesRunning(String jobId) throws IOException, InterruptedException {
        JsonNode vertices = rest.job(jobId).get("vertices");
        for (JsonNode vertex : vertices) {
            if (!vertex.get("status").asText().equals("RUNNING")) {
                return false;
            }
        }
        return vertices.size() > 0;
    }

    /** SIGKILL to the first live TaskManager: no shutdown hook, no goodbye to the JobManager. */
    long killTaskManager() throws IOException {
        try (var pids = Files.list(state.resolve("run"))) {
            for (Path pidFile : pids.filter(p -> p.getFileName().toString().startsWith("taskmanager-"))
                    .sorted()
                    .toList()) {
                long pid = Long.parseLong(Files.readString(pidFile).strip());
                var process = ProcessHandle.of(pid);
                if (process.isPresent() && process.get().isAlive()) {
                    process.get().destroyForcibly();
                    return pid;
                }
            }
        }
        throw new IllegalStateException("no live TaskManager under " + state);
    }

    /** {@code start.sh taskmanager}: one more TaskManager, returning once it has registered. */
    void startTaskManager() throws IOException, InterruptedException {
        script("start.sh", "taskmanager");
    }

    @Override
    public void close() throws IOException, InterruptedException {
        script("stop.sh");
    }

    private void script(String name, String... args) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(List.of("bash", scripts.resolve(name).toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment()
                .putAll(Map.of(
                        "KPI_FLINK_STATE_DIR", state.toString(),
                        "KPI_FLINK_REST_PORT", String.valueOf(restPort),
                        "KPI_FLINK_RPC_PORT", String.valueOf(rpcPort),
                        // One TaskManager runs parallelism 2 with room to spare; the test JVM and the API share the
                        // machine.
                        "KPI_FLINK_TM_MEMORY", "1024m"));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(name + " " + String.join(" ", args) + " failed:\n" + output);
        }
        System.out.print(output);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot clear " + dir, e);
                }
            }
        }
    }
}
