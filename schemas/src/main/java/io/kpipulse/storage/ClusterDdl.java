package io.kpipulse.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The migrations' DDL for a ClickHouse cluster: every {@code CREATE}/{@code ALTER}/{@code DROP} runs
 * {@code ON CLUSTER}, and every {@code *MergeTree} table is created {@code Replicated*MergeTree} under the
 * server's {@code {shard}}/{@code {replica}} macros — one shard, every replica holds all data, so readers keep
 * querying the plain table names on any replica.
 *
 * <p>Why a rewrite instead of separate scripts: the scripts stay the single definition of the schema (their
 * checksums are what an applied migration is compared with), whether a database is one server or a cluster.
 */
final class ClusterDdl {
    private static final Pattern CLUSTER_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
    private static final Pattern HEAD = Pattern.compile(
            "(?is)^(\\s*(?:CREATE\\s+(?:TABLE|DATABASE|VIEW|MATERIALIZED\\s+VIEW)|ALTER\\s+TABLE|DROP\\s+TABLE)"
                    + "(?:\\s+IF\\s+(?:NOT\\s+)?EXISTS)?\\s+[`\"]?[A-Za-z0-9_.]+[`\"]?)");
    private static final Pattern ALREADY_REPLICATED = Pattern.compile("(?i)ENGINE\\s*=\\s*Replicated");
    private static final Pattern ENGINE = Pattern.compile(
            "(?i)ENGINE\\s*=\\s*(Replacing|Summing|Aggregating|Collapsing|VersionedCollapsing)?MergeTree(\\s*\\(([^)]*)\\))?");
    private static final String PATH = "'/clickhouse/tables/{shard}/{database}/{table}', '{replica}'";

    private final String cluster;

    private ClusterDdl(String cluster) {
        this.cluster = cluster;
    }

    /** Blank = a single server: statements stay as written. */
    static ClusterDdl of(String cluster) {
        if (cluster == null || cluster.isBlank()) {
            return new ClusterDdl(null);
        }
        if (!CLUSTER_NAME.matcher(cluster.strip()).matches()) {
            // spliced into DDL, which has no bind parameters for identifiers
            throw new IllegalArgumentException("invalid ClickHouse cluster name: " + cluster);
        }
        return new ClusterDdl(cluster.strip());
    }

    boolean onCluster() {
        return cluster != null;
    }

    String rewrite(String sql) {
        if (cluster == null) {
            return sql;
        }
        Matcher head = HEAD.matcher(sql);
        if (!head.find()) {
            return sql; // not DDL this knows how to place on the cluster (INSERT, SELECT, …)
        }
        String out = head.group(1) + " ON CLUSTER " + cluster + sql.substring(head.end());
        Matcher engine = ENGINE.matcher(out);
        // Already replicated only when the engine says so: a setting such as non_replicated_deduplication_window
        // names the word too.
        if (engine.find() && !ALREADY_REPLICATED.matcher(out).find()) {
            String kind = engine.group(1) == null ? "" : engine.group(1);
            String args = engine.group(3) == null || engine.group(3).isBlank()
                    ? ""
                    : ", " + engine.group(3).strip();
            out = out.substring(0, engine.start())
                    + "ENGINE = Replicated" + kind + "MergeTree(" + PATH + args + ")"
                    + out.substring(engine.end());
        }
        return out;
    }
}
