package io.kpipulse.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Brings a ClickHouse database up to the newest schema, idempotently.
 *
 * <p>Applied versions are recorded in {@code schema_migrations}. A run applies only the versions not
 * recorded yet and refuses to start if an applied script has changed since (its checksum differs):
 * a silently diverging schema would make indicator values unexplainable. Every statement is written
 * with {@code IF NOT EXISTS}, so two processes migrating at once, or a crash between a statement and
 * its record, converge on the same schema.
 */
public final class ClickHouseMigrator {

    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    private final ConnectionFactory connections;
    private final String database;
    private final List<Migration> migrations;
    private final ClusterDdl ddl;

    /** Opens a connection whose default database may not exist yet. */
    @FunctionalInterface
    public interface ConnectionFactory {
        Connection open() throws SQLException;
    }

    public ClickHouseMigrator(ConnectionFactory connections, String database, List<Migration> migrations) {
        this(connections, database, migrations, "");
    }

    /** @param cluster a ClickHouse cluster: every DDL statement runs ON CLUSTER with replicated engines (ClusterDdl) */
    public ClickHouseMigrator(
            ConnectionFactory connections, String database, List<Migration> migrations, String cluster) {
        this.ddl = ClusterDdl.of(cluster);
        this.connections = Objects.requireNonNull(connections, "connections");
        if (!DATABASE_NAME.matcher(database).matches()) {
            // The name is spliced into DDL, which has no bind parameters for identifiers.
            throw new IllegalArgumentException("invalid ClickHouse database name: " + database);
        }
        this.database = database;
        this.migrations = List.copyOf(migrations);
    }

    public static ClickHouseMigrator withBundledScripts(ConnectionFactory connections, String database) {
        return new ClickHouseMigrator(connections, database, MigrationScripts.load());
    }

    public static ClickHouseMigrator withBundledScripts(
            ConnectionFactory connections, String database, String cluster) {
        return new ClickHouseMigrator(connections, database, MigrationScripts.load(), cluster);
    }

    /** Applies pending migrations; returns the versions applied by this call (empty when up to date). */
    public List<Integer> migrate() throws SQLException {
        try (Connection connection = connections.open();
                Statement statement = connection.createStatement()) {
            statement.execute(ddl.rewrite("CREATE DATABASE IF NOT EXISTS " + database));
            statement.execute(ddl.rewrite("CREATE TABLE IF NOT EXISTS " + database + ".schema_migrations ("
                    + " version UInt32, name String, checksum String, applied_at DateTime64(3, 'UTC'))"
                    + " ENGINE = ReplacingMergeTree(applied_at) ORDER BY version"));
            Map<Integer, String> applied = appliedChecksums(connection);
            // Scripts use unqualified table names so the same script serves every database.
            connection.setSchema(database);
            List<Integer> newlyApplied = new ArrayList<>();
            for (Migration migration : migrations) {
                String recorded = applied.get(migration.version());
                if (recorded != null) {
                    if (!recorded.equals(migration.checksum())) {
                        throw new IllegalStateException("migration " + migration.name()
                                + " was changed after it was applied to database " + database
                                + "; add a new migration instead of editing an applied one");
                    }
                    continue;
                }
                apply(connection, migration);
                record(connection, migration);
                newlyApplied.add(migration.version());
            }
            return newlyApplied;
        }
    }

    private Map<Integer, String> appliedChecksums(Connection connection) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT version, argMax(checksum, applied_at) FROM " + database
                        + ".schema_migrations GROUP BY version")) {
            while (rs.next()) {
                applied.put(rs.getInt(1), rs.getString(2));
            }
        }
        return applied;
    }

    private void apply(Connection connection, Migration migration) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : migration.statements()) {
                try {
                    statement.execute(ddl.rewrite(sql));
                } catch (SQLException e) {
                    throw new SQLException("migration " + migration.name() + " failed: " + e.getMessage(), e);
                }
            }
        }
    }

    private void record(Connection connection, Migration migration) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + database
                + ".schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, now64(3))")) {
            insert.setInt(1, migration.version());
            insert.setString(2, migration.name());
            insert.setString(3, migration.checksum());
            insert.executeUpdate();
        }
    }
}
