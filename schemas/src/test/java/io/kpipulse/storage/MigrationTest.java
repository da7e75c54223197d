package io.kpipulse.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MigrationTest {

    @Test
    void splitsStatementsOnLineEndingSemicolonsAndDropsComments() {
        Migration m = Migration.of("V007__two_tables.sql", """
                -- first table; with a semicolon inside the comment
                CREATE TABLE a (x UInt8) ENGINE = Memory;
                CREATE TABLE b
                (
                    s String DEFAULT 'a;b'
                ) ENGINE = Memory;
                """);
        assertEquals(7, m.version());
        assertEquals(
                List.of(
                        "CREATE TABLE a (x UInt8) ENGINE = Memory",
                        "CREATE TABLE b\n(\n    s String DEFAULT 'a;b'\n) ENGINE = Memory"),
                m.statements());
    }

    @Test
    void rejectsFileNamesWithoutVersion() {
        assertThrows(IllegalArgumentException.class, () -> Migration.of("create_tables.sql", "SELECT 1"));
    }

    @Test
    void checksumChangesWhenScriptChanges() {
        assertNotEquals(
                Migration.of("V1__a.sql", "SELECT 1").checksum(),
                Migration.of("V1__a.sql", "SELECT 2").checksum());
    }

    @Test
    void indexListsEveryBundledScriptInVersionOrder() throws IOException {
        List<Migration> loaded = MigrationScripts.load();
        List<String> onDisk;
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/clickhouse"))) {
            onDisk = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".sql"))
                    .sorted()
                    .toList();
        }
        assertEquals(onDisk, loaded.stream().map(Migration::name).toList());
        // Strictly increasing, not gap-free: numbers are reserved per feature (V003 org directory, V004
        // security, ...) and land in any order, so a branch may hold V004 before V003 exists.
        for (int i = 1; i < loaded.size(); i++) {
            assertTrue(loaded.get(i - 1).version() < loaded.get(i).version(), "versions increase");
        }
    }
}
