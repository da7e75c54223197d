package io.kpipulse.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClusterDdlTest {
    private static final ClusterDdl CLUSTER = ClusterDdl.of("kpi_cluster");

    @Test
    void aSingleServerRunsTheScriptsAsWritten() {
        String ddl = "CREATE TABLE IF NOT EXISTS t (a UInt8) ENGINE = MergeTree ORDER BY a";
        assertEquals(ddl, ClusterDdl.of("").rewrite(ddl));
    }

    @Test
    void tablesAreCreatedOnTheClusterWithReplicatedEnginesKeepingTheirArguments() {
        assertEquals(
                "CREATE TABLE IF NOT EXISTS indicator_values ON CLUSTER kpi_cluster (v UInt64)\n"
                        + "ENGINE = ReplicatedReplacingMergeTree('/clickhouse/tables/{shard}/{database}/{table}',"
                        + " '{replica}', version)\nORDER BY v",
                CLUSTER.rewrite("CREATE TABLE IF NOT EXISTS indicator_values (v UInt64)\n"
                        + "ENGINE = ReplacingMergeTree(version)\nORDER BY v"));
        assertEquals(
                "CREATE TABLE IF NOT EXISTS raw_events ON CLUSTER kpi_cluster (a UInt8) ENGINE ="
                        + " ReplicatedMergeTree('/clickhouse/tables/{shard}/{database}/{table}', '{replica}') ORDER BY a",
                CLUSTER.rewrite("CREATE TABLE IF NOT EXISTS raw_events (a UInt8) ENGINE = MergeTree ORDER BY a"));
        assertEquals(
                "CREATE TABLE IF NOT EXISTS t ON CLUSTER kpi_cluster (a UInt8) ENGINE = ReplicatedMergeTree("
                        + "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}')\nPARTITION BY a ORDER BY a",
                CLUSTER.rewrite(
                        "CREATE TABLE IF NOT EXISTS t (a UInt8) ENGINE = MergeTree\nPARTITION BY a ORDER BY a"));
    }

    @Test
    void databasesAndAltersRunOnTheClusterAndOtherStatementsAreLeftAlone() {
        assertEquals(
                "CREATE DATABASE IF NOT EXISTS kpi ON CLUSTER kpi_cluster",
                CLUSTER.rewrite("CREATE DATABASE IF NOT EXISTS kpi"));
        assertEquals(
                "ALTER TABLE indicator_values ON CLUSTER kpi_cluster ADD INDEX i updated_at TYPE minmax",
                CLUSTER.rewrite("ALTER TABLE indicator_values ADD INDEX i updated_at TYPE minmax"));
        assertEquals("INSERT INTO t VALUES (1)", CLUSTER.rewrite("INSERT INTO t VALUES (1)"));
    }

    @Test
    void everyBundledTableAndAlterIsPlacedOnTheClusterAndReplicated() {
        int tables = 0;
        for (Migration migration : MigrationScripts.load()) {
            for (String sql : migration.statements()) {
                String upper = sql.strip().toUpperCase(java.util.Locale.ROOT);
                String rewritten = CLUSTER.rewrite(sql);
                if (upper.startsWith("CREATE") || upper.startsWith("ALTER")) {
                    assertTrue(rewritten.contains(" ON CLUSTER kpi_cluster"), migration.name() + ": " + rewritten);
                }
                if (upper.startsWith("CREATE TABLE")) {
                    tables++;
                    assertTrue(rewritten.contains("ENGINE = Replicated"), migration.name() + ": " + rewritten);
                }
            }
        }
        assertTrue(tables >= 10, "the bundled scripts create the product's tables");
    }

    @Test
    void aClusterNameThatIsNoIdentifierIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ClusterDdl.of("kpi; DROP DATABASE kpi"));
    }
}
