package io.kpipulse.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.kpipulse.api.auth.Role.ADMINISTRATOR;
import static io.kpipulse.api.auth.Role.AUDITOR;
import static io.kpipulse.api.auth.Role.DEPARTMENT_HEAD;
import static io.kpipulse.api.auth.Role.EMPLOYEE;
import static io.kpipulse.api.auth.Role.EXECUTIVE;
import static io.kpipulse.api.auth.Role.HR;
import static io.kpipulse.api.auth.Role.PUBLIC;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.kpipulse.api.audit.AuditHandler;
import io.kpipulse.api.auth.ApiKeyHandlers;
import io.kpipulse.api.auth.LoginHandler;
import io.kpipulse.api.auth.MeHandler;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.health.HealthHandler;
import io.kpipulse.api.http.ErrorMapping;
import io.kpipulse.api.indicators.IndicatorHandlers;
import io.kpipulse.api.lineage.LineageHandler;
import io.kpipulse.api.org.OrgHandlers;
import io.kpipulse.api.rejections.RejectionHandlers;

/**
 * Builds the Javalin app from injected services. Every route is declared here, in one place, with the roles
 * it admits (see the table in api/README.md; a route without roles admits nobody); handlers only parse, call
 * a service and write JSON; every error becomes JSON through {@link ErrorMapping}. The app is not started:
 * {@link ApiMain} and tests start it.
 */
public final class ApiApp {

    private ApiApp() {}

    public static Javalin create(ApiServices services, ApiConfig config) {
        SecurityServices security = services.security();
        var clock = services.tenants().clock();
        HealthHandler health = new HealthHandler(services.health(), config.version());
        IndicatorHandlers indicators =
                new IndicatorHandlers(services.tenants(), services.catalog(), services.values(), security.scope());
        LineageHandler lineage =
                new LineageHandler(services.tenants(), services.lineage(), security.scope(), security.audit());
        RejectionHandlers rejections = new RejectionHandlers(services.tenants(), services.rejections());
        MeHandler me = new MeHandler();
        ApiKeyHandlers apiKeys =
                new ApiKeyHandlers(services.tenants(), security.apiKeys(), security.audit(), services.json(), clock);
        AuditHandler audit = new AuditHandler(services.tenants(), security.auditReader(), security.audit());
        var login = security.localLogin()
                .map(l -> new LoginHandler(
                        services.tenants(), l.users(), l.issuer(), security.audit(), services.json(), clock));
        OrgHandlers org = new OrgHandlers(services.tenants(), services.org(), security.scope());

        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.jsonMapper(new JavalinJackson(services.json(), false));
            javalin.jetty.defaultHost = config.host();
            javalin.jetty.defaultPort = config.port();
            security.configure(javalin);
            javalin.router.apiBuilder(() -> {
                get("/health", health::handle, PUBLIC);
                path("/api/v1/auth", () -> {
                    login.ifPresent(l -> post("login", l::handle, PUBLIC));
                    get("me", me::handle, EXECUTIVE, DEPARTMENT_HEAD, HR, EMPLOYEE, ADMINISTRATOR, AUDITOR);
                });
                path("/api/v1/tenants/{tenant}", () -> {
                    get("indicators", indicators::catalog, EXECUTIVE, HR, DEPARTMENT_HEAD, EMPLOYEE, AUDITOR);
                    get("values", indicators::values, EXECUTIVE, HR, DEPARTMENT_HEAD, EMPLOYEE, AUDITOR);
                    get(
                            "subjects/{subjectType}/{subjectId}/scorecard",
                            indicators::scorecard,
                            EXECUTIVE,
                            HR,
                            DEPARTMENT_HEAD,
                            EMPLOYEE,
                            AUDITOR);
                    get("lineage", lineage::handle, EXECUTIVE, HR, DEPARTMENT_HEAD, EMPLOYEE, AUDITOR);
                    get("dead-letters", rejections::deadLetters, HR, ADMINISTRATOR, AUDITOR);
                    get("late-events", rejections::lateEvents, HR, ADMINISTRATOR, AUDITOR);
                    get("api-keys", apiKeys::list, ADMINISTRATOR, AUDITOR);
                    post("api-keys", apiKeys::create, ADMINISTRATOR);
                    delete("api-keys/{keyId}", apiKeys::revoke, ADMINISTRATOR);
                    get("audit", audit::handle, AUDITOR);
                    get("org/tree", org::tree, EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR);
                    get(
                            "org/departments/{departmentId}/members",
                            org::members,
                            EXECUTIVE,
                            HR,
                            DEPARTMENT_HEAD,
                            AUDITOR);
                    get("org/employees/{employeeId}", org::employee, EXECUTIVE, HR, DEPARTMENT_HEAD, AUDITOR, EMPLOYEE);
                });
            });
        });
        security.install(app);
        ErrorMapping.install(app);
        return app;
    }
}
