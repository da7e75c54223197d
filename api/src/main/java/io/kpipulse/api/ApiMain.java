package io.kpipulse.api;

import io.javalin.Javalin;
import io.kpipulse.api.indicators.ValueReadStrategy;
import io.kpipulse.api.live.LiveConfig;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.config.Settings;
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

    /** A started API; closing stops the server and releases its services. */
    public record Running(Javalin app, ApiServices services, String url) implements AutoCloseable {
        @Override
        public void close() {
            app.stop();
            services.close();
        }
    }

    public static Running start(Settings settings) {
        ClickHouseConnector connector = ClickHouseConnector.from(settings);
        TenantRegistry tenants = TenantRegistry.fromFileOrDemo(settings.get(ApiOptions.TENANTS_FILE));
        IndicatorCatalog catalog = catalog(settings.get(ApiOptions.CATALOG_FILE));
        ValueReadStrategy valueRead =
                ValueReadStrategy.valueOf(settings.get(ApiOptions.VALUE_READ).toUpperCase(Locale.ROOT));
        ApiConfig config = ApiConfig.from(settings);
        ApiServices services = ApiServices.create(
                connector::open,
                tenants,
                () -> catalog,
                valueRead,
                settings.get(ApiOptions.HEALTH_TIMEOUT),
                Clock.systemUTC(),
                LiveConfig.from(settings));
        Javalin app = ApiApp.create(services, config).start();
        return new Running(app, services, "http://" + config.host() + ":" + app.port());
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
