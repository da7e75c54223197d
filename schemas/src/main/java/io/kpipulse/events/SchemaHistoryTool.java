package io.kpipulse.events;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Records every current event schema in the history: for each event type whose newest stored version differs from
 * the current schema (or that has none), writes {@code v<N+1>.avsc}. Never rewrites an existing version.
 *
 * <pre>mvn -B -pl schemas compile exec:java -Dexec.mainClass=io.kpipulse.events.SchemaHistoryTool</pre>
 * (optional argument: the history directory; default {@code schemas/src/main/avro-history} from the repository root
 * or {@code src/main/avro-history} from the module).
 */
public final class SchemaHistoryTool {
    private SchemaHistoryTool() {}

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 0 ? Path.of(args[0]) : moduleFile("src/main/" + SchemaHistory.RESOURCE_ROOT);
        List<String> written = recordCurrentSchemas(dir);
        written.forEach(p -> System.out.println("wrote " + p));
        System.out.println(written.isEmpty() ? "schema history is up to date" : written.size() + " version(s) added");
    }

    /** Adds a version for every changed schema; returns the files written. */
    public static List<String> recordCurrentSchemas(Path historyDir) throws IOException {
        List<String> written = new java.util.ArrayList<>();
        for (EventType type : EventTypes.all()) {
            int newest = 0;
            String newestJson = null;
            for (int n = 1; Files.exists(historyDir.resolve(SchemaHistory.relativePath(type.fullName(), n))); n++) {
                newest = n;
                newestJson = Files.readString(historyDir.resolve(SchemaHistory.relativePath(type.fullName(), n)));
            }
            if (newestJson != null && SchemaHistory.sameSchema(SchemaHistory.parse(newestJson), type.schema())) {
                continue;
            }
            Path file = historyDir.resolve(SchemaHistory.relativePath(type.fullName(), newest + 1));
            Files.createDirectories(file.getParent());
            Files.writeString(file, type.schema().toString(true) + "\n", StandardCharsets.UTF_8);
            written.add(file.toString());
        }
        return written;
    }

    /** A path inside the schemas module, whether run from the repository root or from the module directory. */
    static Path moduleFile(String relative) {
        Path fromRoot = Path.of("schemas").resolve(relative);
        return Files.isDirectory(Path.of("schemas", "src")) ? fromRoot : Path.of(relative);
    }
}
