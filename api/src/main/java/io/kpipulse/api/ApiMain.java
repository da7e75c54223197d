package io.kpipulse.api;

import io.javalin.Javalin;
import io.kpipulse.api.indicators.ValueReadStrategy;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.config.Settings;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;

/**
 * Starts the API: settings → ClickHouse connector → services → Javalin. Settings come from system
 * properties and environment variables (see {@link ApiOptions} and ClickHouseOptions). Stops cleanly on
 * SIGTERM / Ctrl-C.
 */
public final class ApiMain {

    private ApiMain() {
    }

    public static void main(String[] args) {
        Settings settings = Settings.fromProcess();
        ClickHouseConnector connector = ClickHouseConnector.from(settings);
        TenantRegistry tenants = TenantRegistry.parse(tenantsYaml(settings.get(ApiOptions.TENANTS_FILE)));
        IndicatorCatalog catalog = catalog(settings.get(ApiOptions.CATALOG_FILE));
        ValueReadStrategy valueRead = ValueReadStrategy.valueOf(settings.get(ApiOptions.VALUE_READ).toUpperCase(Locale.ROOT));
        ApiConfig config = ApiConfig.from(settings);

        ApiServices services = ApiServices.create(connector::open, tenants, () -> catalog, valueRead,
                settings.get(ApiOptions.HEALTH_TIMEOUT), Clock.systemUTC());
        Javalin app = ApiApp.create(services, config).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            app.stop();
            services.close();
        }, "kpi-api-shutdown"));
        System.out.printf("KPI Pulse API %s listening on http://%s:%d (ClickHouse %s, %d tenants, %d indicators)%n",
                config.version(), config.host(), app.port(), connector, tenants.calendars().size(), catalog.size());
    }

    static String tenantsYaml(String file) {
        if (!file.isBlank()) {
            return read(Path.of(file));
        }
        try (InputStream in = ApiMain.class.getResourceAsStream("demo-tenants.yaml")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
