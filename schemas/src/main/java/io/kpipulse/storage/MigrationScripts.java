package io.kpipulse.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads the migration scripts shipped in this jar under {@code db/clickhouse/}.
 *
 * <p>An index file lists them because a classpath directory cannot be listed portably inside a jar;
 * a test keeps the index and the directory in step.
 */
public final class MigrationScripts {

    static final String DIRECTORY = "db/clickhouse/";
    static final String INDEX = DIRECTORY + "migrations.index";

    private MigrationScripts() {}

    public static List<Migration> load() {
        List<Migration> migrations = new ArrayList<>();
        Set<Integer> versions = new HashSet<>();
        for (String line : read(INDEX).split("\n")) {
            String fileName = line.strip();
            if (fileName.isEmpty() || fileName.startsWith("#")) {
                continue;
            }
            Migration migration = Migration.of(fileName, read(DIRECTORY + fileName));
            if (!versions.add(migration.version())) {
                throw new IllegalStateException("two migrations share version " + migration.version());
            }
            migrations.add(migration);
        }
        migrations.sort(Comparator.comparingInt(Migration::version));
        return List.copyOf(migrations);
    }

    private static String read(String resource) {
        try (InputStream in = MigrationScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
