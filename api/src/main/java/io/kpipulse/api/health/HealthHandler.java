package io.kpipulse.api.health;

import io.javalin.http.Context;
import io.kpipulse.api.catalog.ControlTopicStatus;
import io.kpipulse.catalog.IndicatorCatalog;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@code GET /health}: 200 when ClickHouse answers, 503 when it does not; always the API version and the
 * catalog version served. When the control topic cannot be followed the API still answers (with the last
 * good catalog), so that is a 200 with status DEGRADED, not a 503.
 */
public final class HealthHandler {

    private final HealthCheck check;
    private final String version;
    private final Supplier<IndicatorCatalog> catalog;
    private final Supplier<ControlTopicStatus> controlTopic;

    public HealthHandler(
            HealthCheck check,
            String version,
            Supplier<IndicatorCatalog> catalog,
            Supplier<ControlTopicStatus> controlTopic) {
        this.check = Objects.requireNonNull(check, "check");
        this.version = Objects.requireNonNull(version, "version");
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.controlTopic = Objects.requireNonNull(controlTopic, "controlTopic");
    }

    /** The catalog served, and whether it still follows the control topic. */
    public record CatalogHealth(long version, ControlTopicStatus controlTopic) {}

    public record Health(
            String status, String version, HealthCheck.ClickHouseStatus clickhouse, CatalogHealth catalog) {}

    public void handle(Context ctx) {
        HealthCheck.ClickHouseStatus clickhouse = check.check();
        ControlTopicStatus control = controlTopic.get();
        String status = !clickhouse.up() ? "DOWN" : control.down() ? "DEGRADED" : "UP";
        ctx.status(clickhouse.up() ? 200 : 503)
                .json(new Health(
                        status,
                        version,
                        clickhouse,
                        new CatalogHealth(catalog.get().version(), control)));
    }
}
