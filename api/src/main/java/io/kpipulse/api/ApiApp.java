package io.kpipulse.api;

import static io.javalin.apibuilder.ApiBuilder.before;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.sse;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.health.HealthHandler;
import io.kpipulse.api.http.ErrorMapping;
import io.kpipulse.api.indicators.IndicatorHandlers;
import io.kpipulse.api.lineage.LineageHandler;
import io.kpipulse.api.live.LiveHandler;
import io.kpipulse.api.rejections.RejectionHandlers;
import io.kpipulse.api.web.Dashboard;

/**
 * Builds the Javalin app from injected services. Every route is declared here, in one place; handlers
 * only parse, call a service and write JSON; every error becomes JSON through {@link ErrorMapping}.
 * The app is not started: {@link ApiMain} and tests start it.
 */
public final class ApiApp {

    private ApiApp() {}

    public static Javalin create(ApiServices services, ApiConfig config) {
        HealthHandler health = new HealthHandler(services.health(), config.version());
        IndicatorHandlers indicators = new IndicatorHandlers(services.tenants(), services.catalog(), services.values());
        LineageHandler lineage = new LineageHandler(services.tenants(), services.lineage());
        RejectionHandlers rejections = new RejectionHandlers(services.tenants(), services.rejections());
        LiveHandler live = new LiveHandler(services.tenants(), services.live());
        Dashboard dashboard = Dashboard.fromClasspath();

        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(services.json(), false));
            javalin.jetty.defaultHost = config.host();
            javalin.jetty.defaultPort = config.port();
            dashboard.configure(javalin);
            javalin.router.apiBuilder(() -> {
                get("/health", health::handle);
                get("/", dashboard::page, Role.PUBLIC);
                get("/tenants/{tenant}", dashboard::page, Role.PUBLIC);
                get("/tenants/{tenant}/<page>", dashboard::page, Role.PUBLIC);
                path("/api/v1/tenants/{tenant}", () -> {
                    get("indicators", indicators::catalog);
                    get("values", indicators::values);
                    get("subjects/{subjectType}/{subjectId}/scorecard", indicators::scorecard);
                    get("lineage", lineage::handle);
                    get("dead-letters", rejections::deadLetters);
                    get("late-events", rejections::lateEvents);
                    before("live", live::check);
                    sse(
                            "live",
                            live::stream,
                            Role.EXECUTIVE,
                            Role.HR,
                            Role.DEPARTMENT_HEAD,
                            Role.EMPLOYEE,
                            Role.AUDITOR);
                });
            });
        });
        ErrorMapping.install(app);
        return app;
    }
}
