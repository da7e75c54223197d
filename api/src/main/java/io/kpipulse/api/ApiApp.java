package io.kpipulse.api;

import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.health.HealthHandler;
import io.kpipulse.api.http.ErrorMapping;
import io.kpipulse.api.indicators.IndicatorHandlers;
import io.kpipulse.api.lineage.LineageHandler;
import io.kpipulse.api.rejections.RejectionHandlers;
import io.kpipulse.api.tenants.TenantsHandler;

/**
 * Builds the Javalin app from injected services. Every route is declared here, in one place; handlers
 * only parse, call a service and write JSON; every error becomes JSON through {@link ErrorMapping}.
 * The app is not started: {@link ApiMain} and tests start it.
 */
public final class ApiApp {

    /** The catalog: anyone signed in, so an employee can read the rules their numbers follow. */
    private static final Role[] EVERY_SIGNED_IN = {
        Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.HR, Role.EMPLOYEE, Role.ADMINISTRATOR, Role.AUDITOR
    };
    /** Values and rankings of many subjects: not an employee, who sees only their own figures. */
    private static final Role[] DASHBOARD = {Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.HR, Role.AUDITOR};
    /** One subject's figures and their sources: an employee too (scope: themselves). */
    private static final Role[] OWN_FIGURES = {
        Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.HR, Role.EMPLOYEE, Role.AUDITOR
    };
    /** Rejected and late records: the people who run and check the pipeline and period close. */
    private static final Role[] OPERATIONS = {Role.HR, Role.ADMINISTRATOR, Role.AUDITOR};

    private ApiApp() {}

    public static Javalin create(ApiServices services, ApiConfig config) {
        HealthHandler health = new HealthHandler(
                services.health(), config.version(), services.catalog()::current, services.controlTopic());
        TenantsHandler tenantList = new TenantsHandler(services.tenants());
        IndicatorHandlers indicators = new IndicatorHandlers(services.tenants(), services.catalog(), services.values());
        LineageHandler lineage = new LineageHandler(services.tenants(), services.lineage());
        RejectionHandlers rejections = new RejectionHandlers(services.tenants(), services.rejections());

        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(services.json(), false));
            javalin.jetty.defaultHost = config.host();
            javalin.jetty.defaultPort = config.port();
            // Roles open a route; what it answers is narrowed by the principal's scope (see auth/Role).
            javalin.router.apiBuilder(() -> {
                get("/health", health::handle, Role.PUBLIC);
                get("/api/v1/tenants", tenantList::list, Role.EXECUTIVE, Role.HR, Role.ADMINISTRATOR, Role.AUDITOR);
                path("/api/v1/tenants/{tenant}", () -> {
                    get("indicators", indicators::catalog, EVERY_SIGNED_IN);
                    get("values", indicators::values, DASHBOARD);
                    get("rankings", indicators::rankings, DASHBOARD);
                    get("subjects/{subjectType}/{subjectId}/scorecard", indicators::scorecard, OWN_FIGURES);
                    get("subjects/{subjectType}/{subjectId}/history", indicators::history, OWN_FIGURES);
                    get("lineage", lineage::handle, OWN_FIGURES);
                    get("dead-letters", rejections::deadLetters, OPERATIONS);
                    get("late-events", rejections::lateEvents, OPERATIONS);
                });
            });
        });
        ErrorMapping.install(app);
        return app;
    }
}
