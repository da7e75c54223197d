package io.kpipulse.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Every released version of every event schema. Versions live in {@code src/main/avro-history/<namespace>/<Name>/v<N>.avsc}
 * (N = 1, 2, …, each file self-contained, i.e. with the header inlined) and are packaged on the classpath under
 * {@code avro-history/}. The newest version always equals the current schema (a test enforces it), so a schema
 * change must add a version: run {@link SchemaHistoryTool}.
 */
public final class SchemaHistory {
    /** Classpath (and source-tree) directory holding the versions. */
    public static final String RESOURCE_ROOT = "avro-history";

    private SchemaHistory() {}

    /** One released version. */
    public record Version(int number, Schema schema) {}

    /** Relative path of a version file: {@code <namespace>/<Name>/v<N>.avsc}. */
    public static String relativePath(String fullName, int version) {
        int dot = fullName.lastIndexOf('.');
        return fullName.substring(0, dot) + "/" + fullName.substring(dot + 1) + "/v" + version + ".avsc";
    }

    /** All released versions of an event type, oldest first; empty if none was recorded yet. */
    public static List<Version> versions(EventType type) {
        List<Version> versions = new ArrayList<>();
        ClassLoader loader = SchemaHistory.class.getClassLoader();
        for (int n = 1; ; n++) {
            try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + "/" + relativePath(type.fullName(), n))) {
                if (in == null) {
                    return versions;
                }
                versions.add(new Version(n, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The newest released version number of an event type, 0 if none. */
    public static int currentVersion(EventType type) {
        List<Version> versions = versions(type);
        return versions.isEmpty() ? 0 : versions.get(versions.size() - 1).number();
    }

    /** Parses a self-contained schema file with a fresh parser (versions must not share named types). */
    static Schema parse(String json) {
        return new Schema.Parser().parse(json);
    }

    /** Whether a stored version is the same schema as {@code current}, docs, defaults and aliases included. */
    static boolean sameSchema(Schema stored, Schema current) {
        return stored.toString().equals(current.toString());
    }
}
