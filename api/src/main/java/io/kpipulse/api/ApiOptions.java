package io.kpipulse.api;

import io.kpipulse.config.ConfigOption;
import io.kpipulse.snapshots.FreezeProgressLog;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the API server. Each resolves from overrides, then the system property (the key), then the
 * environment variable derived from the key ({@code kpi.api.port} → {@code KPI_API_PORT}), then the default.
 * ClickHouse is reached through {@link io.kpipulse.storage.ClickHouseOptions}.
 */
public final class ApiOptions {

    public static final ConfigOption<String> HOST = ConfigOption.string(
            "kpi.api.host",
            "127.0.0.1",
            "Address the HTTP server binds to; loopback by default so nothing is exposed by accident.");
    public static final ConfigOption<Integer> PORT =
            ConfigOption.integer("kpi.api.port", 8080, "HTTP port; 0 picks a free one (tests).");
    public static final ConfigOption<String> TENANTS_FILE = ConfigOption.string(
            "kpi.api.tenants-file",
            "",
            "Tenants file (YAML, see TenantRegistry); empty means the bundled demo tenants (the simulated companies).");
    public static final ConfigOption<String> CATALOG_FILE = ConfigOption.string(
            "kpi.api.catalog-file",
            "",
            "Initial indicator catalog (YAML); empty means the bundled template library. Newer versions come on kpi.control.");
    public static final ConfigOption<String> VALUE_READ = ConfigOption.string(
            "kpi.api.value-read",
            "FINAL",
            "How the newest version of indicator values is read: FINAL or ARG_MAX (see api/README.md).");
    public static final ConfigOption<Duration> HEALTH_TIMEOUT = ConfigOption.duration(
            "kpi.api.health-timeout",
            Duration.ofSeconds(2),
            "How long /health waits for ClickHouse's SELECT 1 before answering 503.");

    public static final ConfigOption<Integer> CLICKHOUSE_POOL_SIZE = ConfigOption.integer(
            "kpi.api.clickhouse-pool-size", 16, "Most JDBC connections the API keeps open to ClickHouse.");

    /* Same keys as the engine's, so one setting points both at the same broker and topics. */
    public static final ConfigOption<String> KAFKA_BOOTSTRAP_SERVERS = ConfigOption.string(
            "kpi.kafka.bootstrap-servers",
            "127.0.0.1:9092",
            "Kafka bootstrap servers of the control topic the API follows for catalog versions.");
    public static final ConfigOption<String> KAFKA_TOPIC_PREFIX = ConfigOption.string(
            "kpi.kafka.topic-prefix", "", "Prefix of the control topic's name (as the engine's), e.g. 'staging.'.");
    public static final ConfigOption<Boolean> FOLLOW_CONTROL_TOPIC = ConfigOption.bool(
            "kpi.api.follow-control-topic",
            true,
            "Follow kpi.control for catalog versions published at run time; false serves the catalog file only.");

    public static final ConfigOption<Duration> LIVE_POLL_INTERVAL = ConfigOption.duration(
            "kpi.api.live.poll-interval",
            Duration.ofMillis(250),
            "How often each tenant's live poller reads newly written value rows (one poller per tenant, not per client).");
    public static final ConfigOption<Duration> LIVE_VERSION_MEMORY = ConfigOption.duration(
            "kpi.api.live.version-memory",
            Duration.ofSeconds(10),
            "How long (of updated_at behind the newest row seen) a live feed remembers the version it pushed for a"
                    + " row, so a same or lower version appearing later (a retried insert, an engine replay) is not"
                    + " pushed; memory grows with the rows written in that time.");
    public static final ConfigOption<Duration> LIVE_HEARTBEAT = ConfigOption.duration(
            "kpi.api.live.heartbeat",
            Duration.ofSeconds(15),
            "How often an idle server-sent-events connection receives a comment line.");
    public static final ConfigOption<Integer> LIVE_CLIENT_QUEUE = ConfigOption.integer(
            "kpi.api.live.client-queue",
            1024,
            "Events buffered per live client; a client that falls this far behind is disconnected.");
    public static final ConfigOption<Integer> LIVE_REPLAY = ConfigOption.integer(
            "kpi.api.live.replay",
            2048,
            "Events kept per tenant so a reconnecting client resumes after its Last-Event-ID.");
    public static final ConfigOption<Integer> LIVE_POLL_LIMIT =
            ConfigOption.integer("kpi.api.live.poll-limit", 20_000, "Rows read by one live poll query.");

    public static final ConfigOption<Integer> CACHE_ENTRIES = ConfigOption.integer(
            "kpi.api.cache.entries",
            4096,
            "Dashboard answers (rankings, scorecards, histories) kept per tenant, emptied by the live change feed"
                    + " (a cached answer lags the table by at most one live poll); 0 turns the cache off.");
    public static final ConfigOption<Duration> CACHE_MAX_AGE = ConfigOption.duration(
            "kpi.api.cache.max-age",
            Duration.ofSeconds(30),
            "Longest a cached dashboard answer is kept however quiet its values: names and scopes come from the"
                    + " org directory, which the change feed does not watch.");

    public static final ConfigOption<Boolean> MEMORY_ENABLED = ConfigOption.bool(
            "kpi.api.memory.enabled",
            true,
            "Keep every tenant's current calendar-window values in memory (loaded at start, kept current by the"
                    + " live change feed) and answer rankings, scorecards and histories from there; false reads ClickHouse.");
    public static final ConfigOption<Integer> MEMORY_MONTHS = ConfigOption.integer(
            "kpi.api.memory.months",
            13,
            "Months of instances of kpi.api.memory.windows kept in memory before the current one's; older instances"
                    + " and rolling windows are read from ClickHouse.");
    public static final ConfigOption<String> MEMORY_WINDOWS = ConfigOption.string(
            "kpi.api.memory.windows",
            "MONTH_TO_DATE",
            "Calendar window types kept in memory for every subject (comma-separated: DAY, WEEK, MONTH_TO_DATE,"
                    + " QUARTER_TO_DATE, YEAR_TO_DATE); each instance costs 76 bytes per subject and indicator.");
    public static final ConfigOption<Integer> MEMORY_DAYS = ConfigOption.integer(
            "kpi.api.memory.days",
            35,
            "DAY values of departments kept in memory, the last this many days (the overview's 30-day sparklines);"
                    + " employees' day values are read from ClickHouse. 0 keeps none.");
    public static final ConfigOption<Duration> MEMORY_NAMES_MAX_AGE = ConfigOption.duration(
            "kpi.api.memory.names-max-age",
            Duration.ofSeconds(30),
            "With values in memory: how long a tenant's subject names of a day are kept before they are read again"
                    + " (the org directory has no change feed, so a rename shows after at most this).");
    public static final ConfigOption<Duration> MEMORY_RELOAD_INTERVAL = ConfigOption.duration(
            "kpi.api.memory.reload-interval",
            Duration.ofMinutes(10),
            "With values in memory: how often each tenant's values are read again and merged while answering from"
                    + " memory: a safety net for rows the change feed cannot show (changed in place by a mutation, or a"
                    + " replicated table); 0 never.");

    public static final ConfigOption<Duration> CLOSE_GRACE = ConfigOption.duration(
            "kpi.api.close.grace",
            Duration.ofHours(2),
            "Period close: how long after a period's end the engine's newest event time must be before the period"
                    + " may be frozen without force (covers the engine's horizon, 1 h 1 min by default).");
    public static final ConfigOption<String> CLOSE_LATE_POLICY = ConfigOption.string(
            "kpi.api.close.late-policy",
            "CARRY_FORWARD",
            "Period close: where an adjustment found after a freeze goes: CARRY_FORWARD (into the next period)"
                    + " or AWAIT_REOPEN (HR re-opens the period and freezes a new version).");
    public static final ConfigOption<Duration> CLOSE_FREEZE_HEARTBEAT = ConfigOption.duration(
            "kpi.api.close.freeze-heartbeat",
            FreezeProgressLog.DEFAULT_HEARTBEAT,
            "Period close: how often a running freeze stores its newest progress row again, so that every API process"
                    + " tells a slow freeze from one whose process stopped.");
    public static final ConfigOption<Duration> CLOSE_FREEZE_ABANDONED_AFTER = ConfigOption.duration(
            "kpi.api.close.freeze-abandoned-after",
            FreezeProgressLog.DEFAULT_ABANDONED_AFTER,
            "Period close: a running freeze whose newest progress row is older than this reads ABANDONED (its process"
                    + " stopped) and the period may be frozen again; longer than the heartbeat.");
    public static final ConfigOption<String> ALERT_DASHBOARD_URL = ConfigOption.string(
            "kpi.api.alerts.dashboard-url",
            "http://127.0.0.1:8080",
            "Base URL of the dashboard, for the drill-down link in every alert notification.");
    public static final ConfigOption<Integer> ALERT_DELIVERY_ATTEMPTS = ConfigOption.integer(
            "kpi.api.alerts.delivery-attempts", 6, "Attempts per alert and channel before the delivery is FAILED.");
    public static final ConfigOption<Duration> ALERT_DELIVERY_BACKOFF = ConfigOption.duration(
            "kpi.api.alerts.delivery-backoff",
            Duration.ofMillis(500),
            "Wait after the first failed attempt; it doubles with every further attempt (at most 1 min).");
    public static final ConfigOption<Duration> ALERT_DELIVERY_TIMEOUT = ConfigOption.duration(
            "kpi.api.alerts.delivery-timeout",
            Duration.ofSeconds(5),
            "Connect and answer timeout of one delivery attempt.");

    public static final ConfigOption<String> ALERT_SMTP_HOST = ConfigOption.string(
            "kpi.api.alerts.smtp.host", "", "SMTP server for e-mail alert channels; empty turns e-mail delivery off.");
    public static final ConfigOption<Integer> ALERT_SMTP_PORT =
            ConfigOption.integer("kpi.api.alerts.smtp.port", 587, "SMTP port (587 STARTTLS, 465 TLS, 25 NONE).");
    public static final ConfigOption<String> ALERT_SMTP_USER =
            ConfigOption.string("kpi.api.alerts.smtp.user", "", "SMTP user; empty sends without authentication.");
    public static final ConfigOption<String> ALERT_SMTP_PASSWORD = ConfigOption.secret(
            "kpi.api.alerts.smtp.password", "", "SMTP password; from the environment (KPI_API_ALERTS_SMTP_PASSWORD).");
    public static final ConfigOption<String> ALERT_SMTP_SECURITY = ConfigOption.string(
            "kpi.api.alerts.smtp.security",
            "STARTTLS",
            "STARTTLS (required, never falls back to clear text), TLS (implicit) or NONE (a local relay only).");
    public static final ConfigOption<String> ALERT_SMTP_FROM = ConfigOption.string(
            "kpi.api.alerts.smtp.from", "KPI Pulse <alerts@localhost>", "Sender address of alert e-mails.");

    public static final List<ConfigOption<?>> ALL = List.of(
            ALERT_DASHBOARD_URL,
            ALERT_SMTP_HOST,
            ALERT_SMTP_PORT,
            ALERT_SMTP_USER,
            ALERT_SMTP_PASSWORD,
            ALERT_SMTP_SECURITY,
            ALERT_SMTP_FROM,
            ALERT_DELIVERY_ATTEMPTS,
            ALERT_DELIVERY_BACKOFF,
            ALERT_DELIVERY_TIMEOUT,
            HOST,
            PORT,
            TENANTS_FILE,
            CATALOG_FILE,
            VALUE_READ,
            HEALTH_TIMEOUT,
            CLICKHOUSE_POOL_SIZE,
            KAFKA_BOOTSTRAP_SERVERS,
            KAFKA_TOPIC_PREFIX,
            FOLLOW_CONTROL_TOPIC,
            LIVE_POLL_INTERVAL,
            LIVE_VERSION_MEMORY,
            LIVE_HEARTBEAT,
            LIVE_CLIENT_QUEUE,
            LIVE_REPLAY,
            LIVE_POLL_LIMIT,
            CACHE_ENTRIES,
            CACHE_MAX_AGE,
            MEMORY_ENABLED,
            MEMORY_WINDOWS,
            MEMORY_MONTHS,
            MEMORY_DAYS,
            MEMORY_NAMES_MAX_AGE,
            MEMORY_RELOAD_INTERVAL,
            CLOSE_GRACE,
            CLOSE_LATE_POLICY,
            CLOSE_FREEZE_HEARTBEAT,
            CLOSE_FREEZE_ABANDONED_AFTER);

    private ApiOptions() {}
}
