package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {

    @Test
    void picksTheNewestCompletedCheckpointAcrossJobs(@TempDir Path root) throws Exception {
        Path older = complete(root.resolve("job-a/chk-7"), 1_000);
        Path newer = complete(root.resolve("job-b/chk-3"), 2_000);
        Files.createDirectories(root.resolve("job-b/chk-4")); // in progress: no _metadata yet
        assertEquals(Optional.of(newer), Checkpoints.latest(root));
        assertTrue(Files.exists(older));
    }

    @Test
    void nothingToResumeFromInAnEmptyOrMissingDirectory(@TempDir Path root) throws Exception {
        assertEquals(Optional.empty(), Checkpoints.latest(root));
        assertEquals(Optional.empty(), Checkpoints.latest(root.resolve("missing")));
    }

    private static Path complete(Path dir, long modifiedMillis) throws Exception {
        Files.createDirectories(dir);
        Path metadata = Files.writeString(dir.resolve("_metadata"), "x");
        Files.setLastModifiedTime(metadata, FileTime.fromMillis(modifiedMillis));
        return dir;
    }
}
