package io.kpipulse.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the newest completed checkpoint under a checkpoint directory, so a restarted engine resumes its
 * windows instead of starting them empty (a month-to-date value must not restart at zero).
 */
public final class Checkpoints {

    private Checkpoints() {}

    /** The newest {@code <job>/chk-N} directory holding a {@code _metadata} file, by modification time. */
    public static Optional<Path> latest(Path checkpointRoot) throws IOException {
        if (!Files.isDirectory(checkpointRoot)) {
            return Optional.empty();
        }
        try (Stream<Path> jobs = Files.list(checkpointRoot)) {
            return jobs.filter(Files::isDirectory)
                    .flatMap(Checkpoints::completed)
                    .max(Comparator.comparingLong(Checkpoints::modified));
        }
    }

    private static Stream<Path> completed(Path jobDir) {
        try (Stream<Path> children = Files.list(jobDir)) {
            return children
                    .filter(p -> p.getFileName().toString().startsWith("chk-"))
                    .filter(p -> Files.exists(p.resolve("_metadata")))
                    .toList()
                    .stream();
        } catch (IOException e) {
            return Stream.empty();
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p.resolve("_metadata")).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }
}
