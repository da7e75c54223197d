package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.HttpClient;
import io.kpipulse.api.alerts.AlertRulePublisher;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.calendars.CalendarPublisher;
import io.kpipulse.api.calendars.CalendarServices;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every write route the app registers (POST, PUT, PATCH, DELETE), called once as a role it admits with a request
 * it carries out, in an order that makes each one possible (a key revoked after it was created, a dispute
 * resolved after it was raised on a published snapshot); each leaves exactly one new audit entry with the
 * tenant, the caller, what was done to which target, and the state before and/or after. A write route added to
 * {@link ApiApp} without a step here fails {@link #everyWriteRouteLeavesOneAuditEntry}.
 */
class AuditTrailTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    static final String BASE = "/api/v1/tenants/t-acme";
    static final String MARCH = BASE + "/periods/2026-03";

    static PeopleSeed seed;
    static AlertRulePublisher rules;
    static CalendarPublisher calendars;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        seed = PeopleSeed.create(CLICKHOUSE, "audit_trail");
        String prefix = KAFKA.uniqueTopic("audit") + ".";
        KAFKA.createTopic(prefix + "kpi.control", 1);
        rules = new AlertRulePublisher(KAFKA.bootstrapServers(), java.util.Map.of(), prefix);
        calendars = new CalendarPublisher(KAFKA.bootstrapServers(), java.util.Map.of(), prefix);
        services = seed.services(rules).withCalendars(CalendarServices.over(seed.connections(), calendars));
        // A transition the engine wrote, for the acknowledgement.
        seed.execute("INSERT INTO alert_events (tenant_id, rule_id, rule_version, group_id, sequence, idempotency_key,"
                + " kind, severity, indicator_id, window_type, subject_type, subject_id, department_id,"
                + " department_path, members_firing, event_time, emitted_at) VALUES ('t-acme','engine-rule',1,"
                + "'d-sales',1,'t-acme|engine-rule|d-sales|1','FIRING','WARNING','new_policy_premium',"
                + "'MONTH_TO_DATE','DEPARTMENT','d-sales','d-sales','d-sales,d-root',1,'2026-04-01 01:00:00.000',"
                + "'2026-04-01 01:00:01.000')");
    }

    @AfterAll
    static void close() {
        services.close();
        rules.close();
        calendars.close();
    }

    /**
     * One write: the route, who calls it, the request (a path or body may use what earlier steps answered), the
     * status it must answer, and whether the audit entry must hold the state before the change.
     */
    record Step(
            String route,
            Role role,
            Function<Map<String, JsonNode>, String> path,
            Function<Map<String, JsonNode>, String> body,
            int status,
            boolean before) {
        static Step of(String route, Role role, String path, String body, int status) {
            return new Step(route, role, a -> path, a -> body, status, false);
        }
    }

    static final String RULE = "{\"id\":\"audit-rule\",\"name\":\"pass rate\",\"indicatorId\":\"new_policy_premium\","
            + "\"windowType\":\"MONTH_TO_DATE\",\"subjectType\":\"EMPLOYEE\",\"departmentId\":\"d-sales\","
            + "\"grouping\":\"DEPARTMENT\",\"severity\":\"WARNING\",\"condition\":{\"measure\":\"VALUE\","
            + "\"comparison\":\"BELOW\",\"threshold\":\"1000\",\"resolveThreshold\":\"1200\"}}";

    static final List<Step> STEPS = List.of(
            Step.of(
                    "POST /api/v1/auth/login",
                    Role.PUBLIC,
                    "/api/v1/auth/login",
                    "{\"tenant\":\"t-acme\",\"username\":\"admin\",\"password\":\"" + PeopleSeed.PASSWORD + "\"}",
                    200),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/api-keys",
                    Role.ADMINISTRATOR,
                    BASE + "/api-keys",
                    "{\"name\":\"scraper\",\"roles\":[\"AUDITOR\"]}",
                    201),
            new Step(
                    "DELETE /api/v1/tenants/{tenant}/api-keys/{keyId}",
                    Role.ADMINISTRATOR,
                    a -> BASE + "/api-keys/"
                            + a.get("POST /api/v1/tenants/{tenant}/api-keys")
                                    .path("apiKey")
                                    .path("id")
                                    .asText(),
                    a -> null,
                    200,
                    true),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/scoring/templates",
                    Role.HR,
                    BASE + "/scoring/templates",
                    AccessMatrixTest.TEMPLATE_BODY,
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/scoring/assignments",
                    Role.HR,
                    BASE + "/scoring/assignments",
                    "{\"templateId\":\"matrix\",\"effectiveFrom\":\"2026-03-01\",\"targetType\":\"DEPARTMENT\","
                            + "\"targetIds\":[\"d-sales\"]}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/scoring/bonus-plans",
                    Role.HR,
                    BASE + "/scoring/bonus-plans",
                    "{\"effectiveFrom\":\"2026-03-01\",\"plan\":{\"departmentId\":\"d-sales\",\"components\":[{"
                            + "\"type\":\"CONDITION\",\"name\":\"claims on time\",\"indicator\":\"claim_cycle_time_avg\","
                            + "\"subject\":\"DEPARTMENT\",\"departmentId\":\"d-claims\",\"comparison\":\"LE\","
                            + "\"threshold\":2,\"missedMultiplier\":\"0.90\"}]}}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/scoring/employees/{employeeId}/ratings",
                    Role.DEPARTMENT_HEAD,
                    BASE + "/scoring/employees/e-1/ratings",
                    "{\"period\":\"2026-03\",\"points\":25,\"outOf\":30}",
                    201),
            Step.of(
                    "PUT /api/v1/tenants/{tenant}/scoring/subjects/{subjectType}/{subjectId}/objectives",
                    Role.HR,
                    BASE + "/scoring/subjects/EMPLOYEE/e-1/objectives?period=2026-03",
                    "{\"objectives\":[{\"objectiveId\":\"o-1\",\"title\":\"Premium\",\"weight\":100,"
                            + "\"attainment\":50}]}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/scoring/employees/{employeeId}/reviews",
                    Role.DEPARTMENT_HEAD,
                    BASE + "/scoring/employees/e-1/reviews",
                    "{\"period\":\"2026-03\",\"answers\":{\"teamwork\":4}}",
                    201),
            Step.of("POST /api/v1/tenants/{tenant}/periods/{period}/freeze", Role.HR, MARCH + "/freeze", "{}", 201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/adjustments",
                    Role.HR,
                    MARCH + "/adjustments",
                    "{}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/publish",
                    Role.HR,
                    MARCH + "/publish",
                    "{\"reason\":\"March pay run\"}",
                    200),
            // A frozen snapshot never changes: the refusal is the route's only answer, and it is audited.
            Step.of("PUT /api/v1/tenants/{tenant}/periods/{period}/snapshot", Role.HR, MARCH + "/snapshot", "{}", 409),
            Step.of(
                    "PATCH /api/v1/tenants/{tenant}/periods/{period}/snapshot",
                    Role.HR,
                    MARCH + "/snapshot",
                    "{}",
                    409),
            Step.of(
                    "DELETE /api/v1/tenants/{tenant}/periods/{period}/snapshot",
                    Role.HR,
                    MARCH + "/snapshot",
                    null,
                    409),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/disputes",
                    Role.EMPLOYEE,
                    MARCH + "/disputes",
                    "{\"subjectId\":\"e-1\",\"indicator\":\"new_policy_premium\",\"reason\":\"policy P-1 is missing\","
                            + "\"claimedValue\":\"13345.67\"}",
                    201),
            new Step(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/disputes/{disputeId}/resolution",
                    Role.HR,
                    a -> MARCH + "/disputes/"
                            + a.get("POST /api/v1/tenants/{tenant}/periods/{period}/disputes")
                                    .path("disputeId")
                                    .asText()
                            + "/resolution",
                    a -> "{\"outcome\":\"REJECTED\",\"reason\":\"P-1 was issued in April\"}",
                    200,
                    true),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/verifications",
                    Role.HR,
                    MARCH + "/verifications",
                    "{\"reason\":\"payroll check\"}",
                    202),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/periods/{period}/reopen",
                    Role.HR,
                    MARCH + "/reopen",
                    "{\"reason\":\"late sale of e-2\"}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/calendars/{year}/versions",
                    Role.HR,
                    BASE + "/calendars/2027/versions",
                    "{\"holidays\":[\"2027-02-08\"],\"makeUpWorkdays\":[\"2027-02-14\"]}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/alerts/rules",
                    Role.DEPARTMENT_HEAD,
                    BASE + "/alerts/rules",
                    RULE,
                    201),
            new Step(
                    "PUT /api/v1/tenants/{tenant}/alerts/rules/{ruleId}",
                    Role.DEPARTMENT_HEAD,
                    a -> BASE + "/alerts/rules/audit-rule",
                    a -> RULE.replace("\"1000\"", "\"1500\"").replace("\"1200\"", "\"1700\""),
                    200,
                    true),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/alerts/silences",
                    Role.DEPARTMENT_HEAD,
                    BASE + "/alerts/silences",
                    "{\"departmentId\":\"d-sales\",\"ruleId\":\"audit-rule\",\"duration\":\"2h\","
                            + "\"reason\":\"core system migration\"}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/alerts/channels",
                    Role.DEPARTMENT_HEAD,
                    BASE + "/alerts/channels",
                    "{\"kind\":\"WEBHOOK\",\"departmentId\":\"d-sales\",\"target\":\"https://ops.example/hooks/kpi\","
                            + "\"secret\":\"whsec-audit-trail-0001\",\"language\":\"en\"}",
                    201),
            Step.of(
                    "POST /api/v1/tenants/{tenant}/alerts/events/{ruleId}/{groupId}/{sequence}/acknowledge",
                    Role.DEPARTMENT_HEAD,
                    BASE + "/alerts/events/engine-rule/d-sales/1/acknowledge",
                    "{\"note\":\"on it\"}",
                    204),
            new Step(
                    "DELETE /api/v1/tenants/{tenant}/alerts/rules/{ruleId}",
                    Role.DEPARTMENT_HEAD,
                    a -> BASE + "/alerts/rules/audit-rule",
                    a -> null,
                    204,
                    true));

    /** One row of audit_log. */
    record Row(
            String id,
            String tenant,
            String actor,
            String action,
            String target,
            String before,
            String after,
            String outcome) {}

    static List<Row> auditRows() throws Exception {
        List<Row> out = new ArrayList<>();
        try (Connection c = seed.connector.open();
                PreparedStatement ps = c.prepareStatement("SELECT toString(entry_id), tenant_id, actor, action, target,"
                        + " before_json, after_json, outcome FROM audit_log");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Row(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)));
            }
        }
        return out;
    }

    @Test
    void everyWriteRouteLeavesOneAuditEntry() {
        SecuredApi.withApp(services, (app, client) -> {
            Set<String> writeRoutes = AccessMatrixTest.routes(app).stream()
                    .filter(e -> Set.of("POST", "PUT", "PATCH", "DELETE")
                            .contains(e.getMethod().name()))
                    .map(AccessMatrixTest::key)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(
                    writeRoutes,
                    STEPS.stream().map(Step::route).collect(Collectors.toCollection(TreeSet::new)),
                    "every write route needs a step here (and its handler an audit entry)");
            Map<String, JsonNode> answers = new HashMap<>();
            List<String> wrong = new ArrayList<>();
            for (Step step : STEPS) {
                wrong.addAll(run(client, step, answers));
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        });
    }

    private static List<String> run(HttpClient client, Step step, Map<String, JsonNode> answers) throws Exception {
        Set<String> seen = auditRows().stream().map(Row::id).collect(Collectors.toSet());
        String method = step.route().substring(0, step.route().indexOf(' '));
        String path = step.path().apply(answers);
        String body = step.body().apply(answers);
        SecuredApi.Answer a = step.role() == Role.PUBLIC
                ? SecuredApi.send(client, method, path, body)
                : SecuredApi.send(client, method, path, body, "Authorization", seed.bearer(step.role()));
        assertEquals(step.status(), a.status(), step.route() + " as " + step.role() + ": " + a.body());
        if (!a.body().isEmpty() && a.body().startsWith("{")) {
            answers.put(step.route(), a.json());
        }
        List<Row> added =
                auditRows().stream().filter(r -> !seen.contains(r.id())).toList();
        List<String> wrong = new ArrayList<>();
        String at = step.route() + " as " + step.role();
        if (added.size() != 1) {
            wrong.add(at + ": " + added.size() + " audit entries " + added);
            return wrong;
        }
        Row r = added.get(0);
        String actor = step.role() == Role.PUBLIC
                ? "t-acme/admin"
                : "t-acme/"
                        + (PeopleSeed.employeeOf(step.role()) != null
                                ? PeopleSeed.employeeOf(step.role())
                                : step.role().name().toLowerCase(java.util.Locale.ROOT));
        if (!r.tenant().equals("t-acme")) {
            wrong.add(at + ": tenant " + r);
        }
        if (!r.actor().equals(actor)) {
            wrong.add(at + ": actor " + r.actor() + ", expected " + actor);
        }
        if (r.action().isBlank() || r.target().isBlank()) {
            wrong.add(at + ": no action or target " + r);
        }
        if (!r.outcome().equals(step.status() < 300 ? "SUCCESS" : "DENIED")) {
            wrong.add(at + ": outcome " + r.outcome());
        }
        // A sign-in changes nothing: its entry is who, what and when.
        if (!step.route().equals("POST /api/v1/auth/login")
                && r.before().isEmpty()
                && r.after().isEmpty()) {
            wrong.add(at + ": neither before nor after " + r);
        }
        if (step.before() && r.before().isEmpty()) {
            wrong.add(at + ": a change of something that existed without its state before " + r);
        }
        for (String secret : List.of(PeopleSeed.PASSWORD, "whsec-audit-trail-0001")) {
            assertFalse(r.toString().contains(secret), at + " put a secret in the audit log: " + r);
        }
        return wrong;
    }
}
