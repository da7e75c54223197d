package io.kpipulse.simulator.truth;

import io.kpipulse.simulator.ExpectedCounts;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes {@code ground-truth.csv} (sorted, LF line ends, header first) and {@code expected-counts.json}. */
public final class GroundTruthFiles {

    public static final String CSV = "ground-truth.csv";
    public static final String COUNTS = "expected-counts.json";

    private GroundTruthFiles() {}

    public static void write(Path dir, List<ExpectedValue> values, ExpectedCounts counts) throws IOException {
        Files.createDirectories(dir);
        try (BufferedWriter w = Files.newBufferedWriter(dir.resolve(CSV), StandardCharsets.UTF_8)) {
            w.write(ExpectedValue.CSV_HEADER);
            w.write('\n');
            for (ExpectedValue v : values) {
                w.write(v.toCsv());
                w.write('\n');
            }
        }
        counts.write(dir.resolve(COUNTS));
    }
}
