package io.kpipulse.api;

import io.javalin.Javalin;
import io.kpipulse.api.alerts.AlertRulePublisher;
import io.kpipulse.api.alerts.AlertServices;
import io.kpipulse.api.alerts.delivery.AlertDispatcher;
import io.kpipulse.api.alerts.delivery.HttpDelivery;
import io.kpipulse.api.alerts.delivery.MailDelivery;
import io.kpipulse.api.alerts.delivery.NotificationRenderer;
import io.kpipulse.api.alerts.delivery.RetrySchedule;
import io.kpipulse.api.alerts.delivery.SmtpSettings;
import io.kpipulse.api.auth.OrgScopeDirectory;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.calendars.CalendarPublisher;
import io.kpipulse.api.calendars.CalendarServices;
import io.kpipulse.api.catalog.CatalogVersions;
import io.kpipulse.api.catalog.ControlTopicFollower;
import io.kpipulse.api.catalog.ControlTopicStatus;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.api.indicators.CurrentValuesConfig;
import io.kpipulse.api.indicators.ValueCacheConfig;
import io.kpipulse.api.live.LiveConfig;
import io.kpipulse.api.org.ReadModelOrgScope;
import io.kpipulse.api.snapshots.CloseConfig;
import io.kpipulse.api.storage.ConnectionPool;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.config.Settings;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Starts the API: settings → ClickHouse connector → services → Javalin. Settings come from system
 * properties and environment variables (see {@link ApiOptions} and ClickHouseOptions). Stops cleanly on
 * SIGTERM / Ctrl-C. The local stack starts it in its own process through {@link #start}.
 */
public final class ApiMain {

    private ApiMain() {}

    public static void main(String[] args) {
        Settings settings = Settings.fromProcess();
        Running running = start(settings);
        Runtime.getRuntime().addShutdownHook(new Thread(running::close, "kpi-api-shutdown"));
        System.out.printf(
                "KPI Pulse API %s listening on %s (ClickHouse %s)%n",
                ApiConfig.from(settings).version(), running.url(), ClickHouseConnector.from(settings));
    }

    /** A started API; closing stops the server, the control-topic follower and the services. */
    public record Running(Javalin app, ApiServices services, AutoCloseable follower, ConnectionPool pool, String url)
            implements AutoCloseable {
        @Override
        public void close() {
            app.stop();
            try {
                follower.close();
            } catch (Exception e) {
                throw new IllegalStateException("control-topic follower did not stop", e);
            }
            services.close();
            pool.close();
        }
    }

    public static Running start(Settings settings) {
        ClickHouseConnector connector = ClickHouseConnector.from(settings);
        TenantRegistry tenants = TenantRegistry.fromFileOrDemo(settings.get(ApiOptions.TENANTS_FILE));
        CatalogVersions catalog = new CatalogVersions(catalog(settings.get(ApiOptions.CATALOG_FILE)));
        ValueReadStrategy valueRead =
                ValueReadStrategy.valueOf(settings.get(ApiOptions.VALUE_READ).toUpperCase(Locale.ROOT));
        ApiConfig config = ApiConfig.from(settings);
        Clock clock = Clock.systemUTC();
        ControlTopicFollower follower = settings.get(ApiOptions.FOLLOW_CONTROL_TOPIC)
                ? ControlTopicFollower.start(
                        settings.get(ApiOptions.KAFKA_BOOTSTRAP_SERVERS),
                        KafkaClientOptions.clientProperties(settings),
                        settings.get(ApiOptions.KAFKA_TOPIC_PREFIX),
                        catalog,
                        clock)
                : null;
        ConnectionPool pool = new ConnectionPool(
                connector, settings.get(ApiOptions.CLICKHOUSE_POOL_SIZE), settings.get(ApiOptions.HEALTH_TIMEOUT));
        OrgScopeDirectory org =
                new ReadModelOrgScope(new OrgReader(pool::open), new TenantDirectory(tenants, clock), System::nanoTime);
        SecurityServices security = SecurityServices.fromSettings(settings, pool, ApiJson.mapper(), clock, org);
        ApiServices services = ApiServices.builder(pool, tenants, catalog, clock, security)
                .controlTopic(follower == null ? ControlTopicStatus::off : follower::status)
                .valueRead(valueRead)
                .healthTimeout(settings.get(ApiOptions.HEALTH_TIMEOUT))
                .live(LiveConfig.from(settings))
                .close(CloseConfig.from(settings))
                .cache(ValueCacheConfig.from(settings))
                .memory(CurrentValuesConfig.from(settings))
                .build();
        AutoCloseable stopFollowing = follower == null ? () -> {} : follower;
        if (follower != null) {
            AlertRulePublisher publisher = new AlertRulePublisher(
                    settings.get(ApiOptions.KAFKA_BOOTSTRAP_SERVERS),
                    KafkaClientOptions.clientProperties(settings),
                    settings.get(ApiOptions.KAFKA_TOPIC_PREFIX));
            services = services.withAlerts(AlertServices.over(pool, publisher, services.alerts().stream()));
            CalendarPublisher calendars = new CalendarPublisher(
                    settings.get(ApiOptions.KAFKA_BOOTSTRAP_SERVERS),
                    KafkaClientOptions.clientProperties(settings),
                    settings.get(ApiOptions.KAFKA_TOPIC_PREFIX));
            services = services.withCalendars(CalendarServices.over(pool, calendars));
            AlertDispatcher dispatcher = startDispatcher(settings, services, clock);
            stopFollowing = () -> {
                dispatcher.close();
                publisher.close();
                calendars.close();
                follower.close();
            };
        }
        Javalin app = ApiApp.create(services, config).start();
        return new Running(app, services, stopFollowing, pool, "http://" + config.host() + ":" + app.port());
    }

    /** Delivers alerts from kpi.alerts; one consumer group per API deployment, so each alert goes out once. */
    private static AlertDispatcher startDispatcher(Settings settings, ApiServices services, Clock clock) {
        AlertServices a = services.alerts();
        return AlertDispatcher.start(
                settings.get(ApiOptions.KAFKA_BOOTSTRAP_SERVERS),
                KafkaClientOptions.clientProperties(settings),
                settings.get(ApiOptions.KAFKA_TOPIC_PREFIX),
                "kpi-api-alert-dispatcher",
                a.channels(),
                a.silences(),
                a.deliveries(),
                new NotificationRenderer(services.catalog()::current, settings.get(ApiOptions.ALERT_DASHBOARD_URL)),
                new HttpDelivery(
                        new RetrySchedule(
                                settings.get(ApiOptions.ALERT_DELIVERY_ATTEMPTS),
                                settings.get(ApiOptions.ALERT_DELIVERY_BACKOFF),
                                java.time.Duration.ofMinutes(1)),
                        settings.get(ApiOptions.ALERT_DELIVERY_TIMEOUT),
                        d -> Thread.sleep(d.toMillis())),
                new MailDelivery(
                        new SmtpSettings(
                                settings.get(ApiOptions.ALERT_SMTP_HOST),
                                settings.get(ApiOptions.ALERT_SMTP_PORT),
                                settings.get(ApiOptions.ALERT_SMTP_USER),
                                settings.get(ApiOptions.ALERT_SMTP_PASSWORD),
                                SmtpSettings.Security.valueOf(settings.get(ApiOptions.ALERT_SMTP_SECURITY)
                                        .toUpperCase(Locale.ROOT)),
                                settings.get(ApiOptions.ALERT_SMTP_FROM),
                                settings.get(ApiOptions.ALERT_DELIVERY_TIMEOUT)),
                        new RetrySchedule(
                                settings.get(ApiOptions.ALERT_DELIVERY_ATTEMPTS),
                                settings.get(ApiOptions.ALERT_DELIVERY_BACKOFF),
                                java.time.Duration.ofMinutes(1)),
                        d -> Thread.sleep(d.toMillis())),
                a.stream()::publish,
                a.deliveryMetrics(),
                clock);
    }

    static IndicatorCatalog catalog(String file) {
        return file.isBlank() ? CatalogYaml.templateLibrary() : CatalogYaml.parse(read(Path.of(file)));
    }

    private static String read(Path path) {
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }
}
