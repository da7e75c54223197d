package io.kpipulse.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.api.health.HealthCheck;
import io.kpipulse.api.indicators.CatalogService;
import io.kpipulse.api.indicators.IndicatorValueReader;
import io.kpipulse.api.indicators.ValueReadStrategy;
import io.kpipulse.api.indicators.ValuesService;
import io.kpipulse.api.lineage.LineageReader;
import io.kpipulse.api.lineage.LineageService;
import io.kpipulse.api.live.LiveConfig;
import io.kpipulse.api.live.LiveHub;
import io.kpipulse.api.rejections.RejectionsReader;
import io.kpipulse.api.storage.Connections;
import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.read.changes.ValueChangeReader;
import io.kpipulse.tenants.TenantRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Everything the routes call, built once and injected into {@link ApiApp#create}. Tests build it against
 * their own ClickHouse database, tenants, catalog and clock. Owns the health probe thread: close it.
 */
public record ApiServices(
        TenantDirectory tenants,
        CatalogService catalog,
        ValuesService values,
        LineageService lineage,
        RejectionsReader rejections,
        HealthCheck health,
        LiveHub live,
        ObjectMapper json)
        implements AutoCloseable {

    public ApiServices {
        Objects.requireNonNull(tenants, "tenants");
        Objects.requireNonNull(catalog, "catalog");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(lineage, "lineage");
        Objects.requireNonNull(rejections, "rejections");
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(json, "json");
    }

    /** The wiring used by the HTTP tests: the live feed with its default settings. */
    public static ApiServices create(
            Connections connections,
            TenantRegistry tenants,
            Supplier<IndicatorCatalog> catalog,
            ValueReadStrategy valueRead,
            Duration healthTimeout,
            Clock clock) {
        return create(connections, tenants, catalog, valueRead, healthTimeout, clock, LiveConfig.defaults());
    }

    /**
     * The wiring used by {@link ApiMain}. {@code clock} decides the tenants' "today"; the live feed's threads
     * run on the system clock whatever it is (a fixed test clock must not freeze its idle timeout).
     */
    public static ApiServices create(
            Connections connections,
            TenantRegistry tenants,
            Supplier<IndicatorCatalog> catalog,
            ValueReadStrategy valueRead,
            Duration healthTimeout,
            Clock clock,
            LiveConfig live) {
        ObjectMapper json = io.kpipulse.api.http.ApiJson.mapper();
        CatalogService catalogService = new CatalogService(catalog);
        return new ApiServices(
                new TenantDirectory(tenants, clock),
                catalogService,
                new ValuesService(catalogService, new IndicatorValueReader(connections, valueRead)),
                new LineageService(catalogService, new LineageReader(connections, json)),
                new RejectionsReader(connections),
                new HealthCheck(connections, healthTimeout),
                new LiveHub(new ValueChangeReader(connections::open), catalog, json, live, Clock.systemUTC()),
                json);
    }

    @Override
    public void close() {
        live.close();
        health.close();
    }
}
