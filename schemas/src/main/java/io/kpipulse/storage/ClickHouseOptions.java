package io.kpipulse.storage;

import io.kpipulse.config.ConfigOption;
import java.util.List;

/** How jobs and the API reach ClickHouse. Defaults reach the local stack's server. */
public final class ClickHouseOptions {

    public static final ConfigOption<String> URL = ConfigOption.string(
            "kpi.clickhouse.url", "jdbc:clickhouse://127.0.0.1:8123", "JDBC URL of the ClickHouse HTTP interface.");
    public static final ConfigOption<String> DATABASE = ConfigOption.string(
            "kpi.clickhouse.database",
            "kpi",
            "Database holding all KPI Pulse tables; every table carries the tenant in its key.");
    public static final ConfigOption<String> USER =
            ConfigOption.string("kpi.clickhouse.user", "default", "ClickHouse user.");
    public static final ConfigOption<String> PASSWORD = ConfigOption.secret(
            "kpi.clickhouse.password", "", "ClickHouse password; pass it through the environment, never commit it.");
    public static final ConfigOption<Boolean> LOCAL_PROFILE = ConfigOption.bool(
            "kpi.clickhouse.local-profile",
            true,
            "Driver settings for the local chDB-backed server (response compression off). "
                    + "Set false against a real ClickHouse server.");

    public static final ConfigOption<String> SSL_ROOT_CERT = ConfigOption.string(
            "kpi.clickhouse.ssl-root-cert",
            "",
            "CA certificate (PEM file) of a server reached over TLS (a jdbc:clickhouse:https:// URL); empty = the JVM's trust store.");
    public static final ConfigOption<String> CLUSTER = ConfigOption.string(
            "kpi.clickhouse.cluster",
            "",
            "ClickHouse cluster name: migrations run ON CLUSTER and create Replicated*MergeTree tables; empty = one server.");

    public static final List<ConfigOption<?>> ALL =
            List.of(URL, DATABASE, USER, PASSWORD, LOCAL_PROFILE, SSL_ROOT_CERT, CLUSTER);

    private ClickHouseOptions() {}
}
