package io.kpipulse.api.health;

import io.javalin.http.Context;
import java.util.Objects;

/** {@code GET /health}: 200 when ClickHouse answers, 503 when it does not; always the API version. */
public final class HealthHandler {

    private final HealthCheck check;
    private final String version;

    public HealthHandler(HealthCheck check, String version) {
        this.check = Objects.requireNonNull(check, "check");
        this.version = Objects.requireNonNull(version, "version");
    }

    public record Health(String status, String version, HealthCheck.ClickHouseStatus clickhouse) {}

    public void handle(Context ctx) {
        HealthCheck.ClickHouseStatus clickhouse = check.check();
        ctx.status(clickhouse.up() ? 200 : 503).json(new Health(clickhouse.up() ? "UP" : "DOWN", version, clickhouse));
    }
}
