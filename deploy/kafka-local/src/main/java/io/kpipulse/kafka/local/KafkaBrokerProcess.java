package io.kpipulse.kafka.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the broker's own JVM, started by {@link LocalKafkaBroker}:
 * {@code java -cp <cp> io.kpipulse.kafka.local.KafkaBrokerProcess <data dir> [--exit-on-stdin-eof]}.
 *
 * <p>It formats the KRaft storage in {@code <data dir>/kraft-logs} with Kafka's own
 * {@code kafka.tools.StorageTool format} if (and only if) it is not formatted yet, using the cluster id in
 * {@code <data dir>/cluster.id}, then hands over to {@code kafka.Kafka} with {@code <data dir>/server.properties}.
 * Kafka's shutdown hook stops the broker cleanly on SIGTERM / SIGINT.
 *
 * <p>With {@code --exit-on-stdin-eof} the process also exits (cleanly, through the same hook) when its
 * standard input reaches end of file: the launcher keeps a pipe open, so a launcher that dies without
 * calling {@code close()} (a killed test JVM) does not leave an orphan broker behind.
 */
public final class KafkaBrokerProcess {

    static final String SERVER_PROPERTIES = "server.properties";
    static final String CLUSTER_ID_FILE = "cluster.id";
    static final String META_PROPERTIES = "meta.properties";
    static final String EXIT_ON_STDIN_EOF = "--exit-on-stdin-eof";

    private KafkaBrokerProcess() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: KafkaBrokerProcess <data dir> [" + EXIT_ON_STDIN_EOF + "]");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]).toAbsolutePath();
        boolean exitOnStdinEof = List.of(args).contains(EXIT_ON_STDIN_EOF);
        Path serverProperties = dataDir.resolve(SERVER_PROPERTIES);

        formatIfNeeded(dataDir, serverProperties);
        if (exitOnStdinEof) {
            watchStdin();
        }
        kafka.Kafka.main(new String[] {serverProperties.toString()});
    }

    static boolean isFormatted(Path dataDir) {
        return Files.isRegularFile(dataDir.resolve(BrokerConfig.KAFKA_LOG_DIR).resolve(META_PROPERTIES));
    }

    private static void formatIfNeeded(Path dataDir, Path serverProperties) throws IOException {
        if (isFormatted(dataDir)) {
            return;
        }
        String clusterId = Files.readString(dataDir.resolve(CLUSTER_ID_FILE), StandardCharsets.UTF_8)
                .trim();
        List<String> format = new ArrayList<>(List.of(
                "format", "--config", serverProperties.toString(), "--cluster-id", clusterId, "--ignore-formatted"));
        // No --standalone: controller.quorum.voters is set (a static quorum of this one node).
        int rc = kafka.tools.StorageTool.execute(format.toArray(String[]::new), System.out);
        if (rc != 0) {
            System.err.println("kafka-storage format failed with exit code " + rc);
            System.exit(rc);
        }
    }

    private static void watchStdin() {
        Thread watcher = new Thread(
                () -> {
                    try (InputStream in = System.in) {
                        byte[] buffer = new byte[256];
                        while (in.read(buffer) >= 0) {
                            // The launcher never writes; anything read is ignored.
                        }
                    } catch (IOException ignored) {
                        // A broken pipe means the same as end of file.
                    }
                    System.out.println("Launcher is gone (stdin closed); shutting the broker down.");
                    System.exit(0);
                },
                "launcher-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }
}
