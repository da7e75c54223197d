package io.kpipulse.api;

import static io.javalin.apibuilder.ApiBuilder.delete;
import static io.javalin.apibuilder.ApiBuilder.get;
import static io.javalin.apibuilder.ApiBuilder.patch;
import static io.javalin.apibuilder.ApiBuilder.path;
import static io.javalin.apibuilder.ApiBuilder.post;
import static io.javalin.apibuilder.ApiBuilder.put;
import static io.javalin.apibuilder.ApiBuilder.sse;
import static io.kpipulse.api.auth.Role.ADMINISTRATOR;
import static io.kpipulse.api.auth.Role.AUDITOR;
import static io.kpipulse.api.auth.Role.PUBLIC;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.kpipulse.api.alerts.AlertHandlers;
import io.kpipulse.api.alerts.AlertServices;
import io.kpipulse.api.audit.AuditHandler;
import io.kpipulse.api.auth.ApiKeyHandlers;
import io.kpipulse.api.auth.LoginHandler;
import io.kpipulse.api.auth.MeHandler;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.SecurityServices;
import io.kpipulse.api.calendars.CalendarHandlers;
import io.kpipulse.api.docs.ApiDocs;
import io.kpipulse.api.health.HealthHandler;
import io.kpipulse.api.http.ErrorMapping;
import io.kpipulse.api.indicators.IndicatorHandlers;
import io.kpipulse.api.lineage.LineageHandler;
import io.kpipulse.api.live.LiveHandler;
import io.kpipulse.api.metrics.ApiMetrics;
import io.kpipulse.api.org.OrgHandlers;
import io.kpipulse.api.rejections.RejectionHandlers;
import io.kpipulse.api.scoring.ReviewHandlers;
import io.kpipulse.api.scoring.ScoringHandlers;
import io.kpipulse.api.snapshots.SnapshotHandlers;
import io.kpipulse.api.tenants.TenantsHandler;
import io.kpipulse.api.web.Dashboard;

/**
 * Builds the Javalin app from injected services. Every route is declared here, in one place, with the roles
 * it admits (see the table in api/README.md; a route without roles admits nobody); handlers only parse, call
 * a service and write JSON; every error becomes JSON through {@link ErrorMapping}. The app is not started:
 * {@link ApiMain} and tests start it.
 */
public final class ApiApp {

    /** Who is signed in, and the tenant they are signed in to. */
    private static final Role[] EVERY_SIGNED_IN = {
        Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.HR, Role.EMPLOYEE, Role.ADMINISTRATOR, Role.AUDITOR
    };
    /** Rankings and the org of many subjects: not an employee, who sees only their own figures. */
    private static final Role[] DASHBOARD = {Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.HR, Role.AUDITOR};
    /**
     * One subject's figures and their sources, and the catalog of rules they follow: an employee too (scope:
     * themselves; lists of many subjects are filtered to what the scope shows).
     */
    private static final Role[] OWN_FIGURES = {
        Role.EXECUTIVE, Role.DEPARTMENT_HEAD, Role.HR, Role.EMPLOYEE, Role.AUDITOR
    };
    /** Rejected and late records: the people who run and check the pipeline and period close. */
    /** Alert rules, silences and channels: heads for their subtree, HR / executives / administrators wider. */
    private static final Role[] ALERT_OWNERS = {Role.DEPARTMENT_HEAD, Role.HR, Role.EXECUTIVE, Role.ADMINISTRATOR};

    private static final Role[] ALERT_READERS = {
        Role.DEPARTMENT_HEAD, Role.HR, Role.EXECUTIVE, Role.ADMINISTRATOR, Role.AUDITOR
    };
    private static final Role[] OPERATIONS = {Role.HR, Role.ADMINISTRATOR, Role.AUDITOR};

    /** Bonus figures of the whole tenant, frozen: HR, the executives and the auditors. */
    private static final Role[] CLOSE_READERS = {Role.HR, Role.EXECUTIVE, Role.AUDITOR};

    private ApiApp() {}

    public static Javalin create(ApiServices services, ApiConfig config) {
        SecurityServices security = services.security();
        var clock = services.tenants().clock();
        HealthHandler health = new HealthHandler(
                services.health(), config.version(), services.catalog()::current, services.controlTopic());
        TenantsHandler tenantList = new TenantsHandler(services.tenants());
        IndicatorHandlers indicators = new IndicatorHandlers(
                services.tenants(),
                services.catalog(),
                services.values(),
                security.scope(),
                new io.kpipulse.api.http.JsonAnswer(services.json()));
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
        LiveHandler live = new LiveHandler(services.tenants(), services.live(), security.scope());
        ScoringHandlers scoring =
                new ScoringHandlers(services.tenants(), services.scoring(), security.scope(), security.audit());
        ReviewHandlers reviews = new ReviewHandlers(
                services.tenants(),
                services.scoring().objectives(),
                services.scoring().reviews(),
                security.scope(),
                security.audit());
        SnapshotHandlers close = new SnapshotHandlers(
                services.tenants(), services.snapshots(), security.scope(), security.audit(), services.json());
        AlertServices a = services.alerts();
        AlertHandlers alerts = new AlertHandlers(
                services.tenants(),
                services.catalog()::current,
                security.scope(),
                security.audit(),
                a.rules(),
                a.publication(),
                a.events(),
                a.silences(),
                a.channels(),
                services.json(),
                clock);
        CalendarHandlers calendars = new CalendarHandlers(
                services.tenants(),
                services.calendars().store(),
                services.calendars().publication(),
                security.audit(),
                services.json(),
                clock);
        Dashboard dashboard = Dashboard.fromClasspath();
        ApiDocs docs = ApiDocs.fromClasspath(services.json());
        ApiMetrics metrics = ApiMetrics.create(services.live(), a.deliveryMetrics());

        Javalin app = Javalin.create(javalin -> {
            javalin.showJavalinBanner = false;
            javalin.events(e -> e.serverStopped(metrics::close));
            javalin.jsonMapper(new JavalinJackson(services.json(), false));
            javalin.jetty.defaultHost = config.host();
            javalin.jetty.defaultPort = config.port();
            security.configure(javalin);
            dashboard.configure(javalin);
            // Roles open a route; what it answers is narrowed by the principal's scope (see auth/Role).
            javalin.router.apiBuilder(() -> {
                get("/health", health::handle, PUBLIC);
                get("/openapi.json", docs::document, PUBLIC);
                get("/api-docs", docs::viewer, PUBLIC);
                // A scraper's API key needs no more than AUDITOR (read-only); the series carry no tenant data.
                get("/metrics", metrics::scrape, ADMINISTRATOR, AUDITOR);
                get("/", dashboard::page, PUBLIC);
                get("/tenants/{tenant}", dashboard::page, PUBLIC);
                get("/tenants/{tenant}/<page>", dashboard::page, PUBLIC);
                path("/api/v1/auth", () -> {
                    login.ifPresent(l -> post("login", l::handle, PUBLIC));
                    get("me", me::handle, EVERY_SIGNED_IN);
                });
                get("/api/v1/tenants", tenantList::list, EVERY_SIGNED_IN);
                path("/api/v1/tenants/{tenant}", () -> {
                    get("indicators", indicators::catalog, OWN_FIGURES);
                    get("values", indicators::values, OWN_FIGURES);
                    get("rankings", indicators::rankings, DASHBOARD);
                    get("subjects/{subjectType}/{subjectId}/scorecard", indicators::scorecard, OWN_FIGURES);
                    get("subjects/{subjectType}/{subjectId}/history", indicators::history, OWN_FIGURES);
                    get("lineage", lineage::handle, OWN_FIGURES);
                    get("dead-letters", rejections::deadLetters, OPERATIONS);
                    get("late-events", rejections::lateEvents, OPERATIONS);
                    get("api-keys", apiKeys::list, ADMINISTRATOR, AUDITOR);
                    post("api-keys", apiKeys::create, ADMINISTRATOR);
                    delete("api-keys/{keyId}", apiKeys::revoke, ADMINISTRATOR);
                    get("audit", audit::handle, AUDITOR);
                    get("org/tree", org::tree, DASHBOARD);
                    get("org/departments/{departmentId}/members", org::members, DASHBOARD);
                    get("org/employees/{employeeId}", org::employee, OWN_FIGURES);
                    sse("live", live::stream, OWN_FIGURES);
                    get("scoring/templates", scoring::templates, EVERY_SIGNED_IN);
                    post("scoring/templates", scoring::saveTemplate, Role.HR, ADMINISTRATOR);
                    get("scoring/templates/{templateId}/versions", scoring::templateVersions, EVERY_SIGNED_IN);
                    post("scoring/assignments", scoring::assign, Role.HR, ADMINISTRATOR);
                    get("scoring/bonus-plans", scoring::plans, EVERY_SIGNED_IN);
                    post("scoring/bonus-plans", scoring::savePlan, Role.HR, ADMINISTRATOR);
                    get("scoring/employees/{employeeId}/scorecard", scoring::employee, OWN_FIGURES);
                    post("scoring/employees/{employeeId}/ratings", scoring::rate, Role.HR, Role.DEPARTMENT_HEAD);
                    get("scoring/departments/{departmentId}/scores", scoring::department, DASHBOARD);
                    get("scoring/departments/{departmentId}/bonus", scoring::bonus, DASHBOARD);
                    get("scoring/subjects/{subjectType}/{subjectId}/objectives", reviews::objectives, OWN_FIGURES);
                    put(
                            "scoring/subjects/{subjectType}/{subjectId}/objectives",
                            reviews::saveObjectives,
                            Role.HR,
                            Role.DEPARTMENT_HEAD);
                    // 360 answers only to those who need them: HR and the heads over the reviewee (checked inside).
                    get(
                            "scoring/employees/{employeeId}/reviews",
                            reviews::reviewSummary,
                            Role.HR,
                            Role.DEPARTMENT_HEAD);
                    post(
                            "scoring/employees/{employeeId}/reviews",
                            reviews::submitReview,
                            Role.EMPLOYEE,
                            Role.DEPARTMENT_HEAD,
                            Role.HR,
                            Role.EXECUTIVE);
                    // Period close: freezing is HR's (an administrator may run it for them); the lines are
                    // scoped (heads: their subtree; employees: their own line once published).
                    path("periods/{period}", () -> {
                        get(close::status, EVERY_SIGNED_IN);
                        post("freeze", close::freeze, Role.HR, ADMINISTRATOR);
                        post("publish", close::publish, Role.HR);
                        post("reopen", close::reopen, Role.HR);
                        get("snapshot", close::snapshot, OWN_FIGURES);
                        put("snapshot", close::refuseChange, Role.HR, ADMINISTRATOR);
                        patch("snapshot", close::refuseChange, Role.HR, ADMINISTRATOR);
                        delete("snapshot", close::refuseChange, Role.HR, ADMINISTRATOR);
                        get("compare", close::compare, CLOSE_READERS);
                        get("export", close::export, CLOSE_READERS);
                        get("adjustments", close::adjustments, CLOSE_READERS);
                        post("adjustments", close::reconcile, Role.HR);
                        get("disputes", close::disputes, OWN_FIGURES);
                        post("disputes", close::raiseDispute, Role.EMPLOYEE, Role.DEPARTMENT_HEAD);
                        get("disputes/{disputeId}", close::dispute, OWN_FIGURES);
                        post("disputes/{disputeId}/resolution", close::resolveDispute, Role.HR);
                        get("verifications", close::verifications, CLOSE_READERS);
                        // A recomputation runs in the verification command's worker, never in a request.
                        post("verifications", close::requestVerification, Role.HR);
                        get("verifications/{requestId}", close::verificationRequest, CLOSE_READERS);
                    });
                    // The tenant's working-day calendar per year: HR publishes (an administrator may for them).
                    get("calendars/{year}/versions", calendars::versions, EVERY_SIGNED_IN);
                    post("calendars/{year}/versions", calendars::publish, Role.HR, ADMINISTRATOR);
                    get("alerts/presets", alerts::presets, ALERT_READERS);
                    get("alerts/rules", alerts::listRules, ALERT_READERS);
                    post("alerts/rules", alerts::createRule, ALERT_OWNERS);
                    put("alerts/rules/{ruleId}", alerts::updateRule, ALERT_OWNERS);
                    delete("alerts/rules/{ruleId}", alerts::deleteRule, ALERT_OWNERS);
                    get("alerts/events", alerts::listEvents, ALERT_READERS);
                    sse("alerts/stream", a.stream()::stream, ALERT_READERS);
                    post("alerts/events/{ruleId}/{groupId}/{sequence}/acknowledge", alerts::acknowledge, ALERT_OWNERS);
                    get("alerts/silences", alerts::listSilences, ALERT_READERS);
                    post("alerts/silences", alerts::createSilence, ALERT_OWNERS);
                    get("alerts/channels", alerts::listChannels, ALERT_OWNERS);
                    post("alerts/channels", alerts::createChannel, ALERT_OWNERS);
                });
            });
        });
        security.install(app);
        metrics.install(app);
        // After the access manager: a live request is signed in and in its tenant before it is validated.
        app.beforeMatched("/api/v1/tenants/{tenant}/live", live::check);
        app.beforeMatched("/api/v1/tenants/{tenant}/alerts/stream", a.stream()::check);
        ErrorMapping.install(app);
        return app;
    }
}
