package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestSecurity;
import io.kpipulse.api.auth.TestTokens;
import io.kpipulse.api.docs.ApiDocs;
import io.kpipulse.api.org.OrgExample;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The curl examples of api/README.md for the dashboard and read routes (sign-in aside: its password is the
 * stack's), run as written by bash and curl against the real API over a real ClickHouse seeded with what they
 * name: tenant t-acme-life's employee e-00001 in November 2026, and the hand-built org of t-acme
 * ({@link OrgExample}). {@code $TOKEN}, {@code $ADMIN} and {@code $AUDITOR} are an executive, administrator
 * and auditor of the example's tenant. Each example must exit cleanly and answer its documented status (any 2xx,
 * or the {@code # NNN} on the line under it), a JSON answer with the shape /openapi.json gives that status.
 * The scoring, alerts and period-close examples are their own surfaces' and not run here.
 */
class ReadmeExamplesTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final Path README = Path.of("README.md");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC);
    static final TestTokens TOKENS = new TestTokens(CLOCK);
    static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern OTHER_SURFACES = Pattern.compile("/(scoring|periods|alerts)/|/auth/login|\\$P/");

    static ApiServices services;
    static Javalin app;

    /** No {@code # NNN} under the example: any 2xx. */
    static final int ANY_SUCCESS = 0;

    /** One example: the command as written, the status documented for it, where it is. */
    record Example(int line, String command, int expectedStatus) {}

    @BeforeAll
    static void start() throws Exception {
        SeededClickHouse seeded = SeededClickHouse.create(CLICKHOUSE, "readme_examples");
        try (Connection c = seeded.connector().open();
                Statement s = c.createStatement()) {
            OrgExample.insert(s);
            s.execute(ACME_LIFE_VALUES);
            s.execute("INSERT INTO raw_events (tenant_id, event_type, event_id, event_time, source_system,"
                    + " employee_id, department_id, schema_fingerprint, payload_json, payload_avro, kafka_topic,"
                    + " kafka_partition, kafka_offset, ingested_at) VALUES ('t-acme-life','policy.PolicyIssued',"
                    + "'ev-101','2026-11-10 02:00:00.000','policy','e-00001','d-sales-01',1,"
                    + "'{\"premium\":\"12345.67\"}','avro','kpi.events.policy',0,101,'2026-11-10 02:00:01.000')");
            s.execute("INSERT INTO dead_letters (kafka_topic, kafka_partition, kafka_offset, tenant_id, reason, detail,"
                    + " event_type, event_id, original_bytes, record_key, detected_at) VALUES ('kpi.events.policy',0,"
                    + "7,'t-acme-life','NOT_SINGLE_OBJECT','not an Avro single-object encoding','','',"
                    + "base64Encode(unhex('00FF10')),'k1','2026-11-20 01:00:00.000')");
            s.execute("INSERT INTO late_events (tenant_id, event_type, event_id, event_time, received_at, reason,"
                    + " employee_id, department_id, payload_avro, kafka_topic, kafka_partition, kafka_offset,"
                    + " detected_at) VALUES ('t-acme-life','policy.PolicyIssued','ev-late','2026-10-20 01:00:00.000',"
                    + "'2026-11-21 00:00:00.000','AFTER_ALLOWED_LATENESS','e-00001','d-sales-01',"
                    + "base64Encode(unhex('CAFE')),'kpi.events.policy',0,8,'2026-11-21 00:00:01.000')");
        }
        services = ApiServices.builder(
                        seeded.connections(),
                        TenantRegistry.parse(
                                "tenants: [{id: t-acme-life, name: Acme Life & Casualty, zone: Asia/Shanghai},"
                                        + " {id: t-pingan-demo, name: Ping'an Demo Insurance, zone: Asia/Shanghai},"
                                        + " {id: t-acme, name: Acme Life, zone: Asia/Shanghai}]"),
                        CatalogYaml::templateLibrary,
                        CLOCK,
                        TestSecurity.services(seeded.connections(), CLOCK, TOKENS))
                .valueRead(ValueReadStrategy.FINAL)
                .healthTimeout(Duration.ofSeconds(5))
                .build();
        app = ApiApp.create(services, ApiConfig.forTests()).start();
    }

    @AfterAll
    static void stop() {
        app.stop();
        services.close();
    }

    /** e-00001's and e-00002's November premium, e-00001's October (the trend) and two November days. */
    static final String ACME_LIFE_VALUES = "INSERT INTO indicator_values (tenant_id, indicator_id, window_type,"
            + " window_start, window_end, subject_type, subject_id, value, numerator, denominator, target, attainment,"
            + " event_count, last_event_time, catalog_version, version, updated_at) VALUES "
            + "('t-acme-life','new_policy_premium','MONTH_TO_DATE','2026-11-01','2026-11-30','EMPLOYEE','e-00001',"
            + "12345.67,12345.67,NULL,90000,0.137174,3,'2026-11-10 02:00:00.000',2,30,'2026-11-10 02:00:01.000'),"
            + "('t-acme-life','new_policy_premium','MONTH_TO_DATE','2026-11-01','2026-11-30','EMPLOYEE','e-00002',"
            + "50000.10,50000.10,NULL,90000,0.555557,5,'2026-11-12 02:00:00.000',2,31,'2026-11-12 02:00:01.000'),"
            + "('t-acme-life','new_policy_premium','MONTH_TO_DATE','2026-10-01','2026-10-31','EMPLOYEE','e-00001',"
            + "8000.00,8000.00,NULL,90000,0.088889,2,'2026-10-20 02:00:00.000',2,20,'2026-10-20 02:00:01.000'),"
            + "('t-acme-life','new_policy_premium','DAY','2026-11-10','2026-11-10','EMPLOYEE','e-00001',"
            + "12345.67,12345.67,NULL,NULL,NULL,3,'2026-11-10 02:00:00.000',2,30,'2026-11-10 02:00:01.000'),"
            + "('t-acme-life','new_policy_premium','DAY','2026-11-20','2026-11-20','EMPLOYEE','e-00001',"
            + "0,0,NULL,NULL,NULL,0,'2026-11-20 02:00:00.000',2,40,'2026-11-20 02:00:01.000')";

    @Test
    void everyDashboardAndReadExampleOfTheReadmeRunsAndAnswersTheDocumentedShape() throws Exception {
        List<Example> examples = examples(Files.readAllLines(README, StandardCharsets.UTF_8));
        SchemaCheck check = new SchemaCheck(ApiDocs.document());
        List<String> problems = new ArrayList<>();
        for (Example example : examples) {
            problems.addAll(run(example, check));
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
        assertTrue(examples.size() >= 15, "examples run: " + examples.size());
    }

    /** The curl commands of the README's bash blocks (continuation lines joined), other surfaces left out. */
    static List<Example> examples(List<String> lines) {
        List<Example> examples = new ArrayList<>();
        boolean inBash = false;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("```")) {
                inBash = !inBash && line.equals("```bash");
                continue;
            }
            if (!inBash || !line.startsWith("curl ")) {
                continue;
            }
            int first = i;
            StringBuilder command = new StringBuilder();
            while (lines.get(i).endsWith("\\")) {
                command.append(lines.get(i), 0, lines.get(i).length() - 1).append(' ');
                i++;
            }
            command.append(lines.get(i));
            Matcher documented = Pattern.compile("^# (\\d{3})\\b").matcher(lines.get(i + 1));
            int status = documented.find() ? Integer.parseInt(documented.group(1)) : ANY_SUCCESS;
            if (!OTHER_SURFACES.matcher(command).find()) {
                examples.add(new Example(first + 1, command.toString(), status));
            }
        }
        return examples;
    }

    private static List<String> run(Example example, SchemaCheck check) throws IOException, InterruptedException {
        String at = "README.md:" + example.line() + " " + example.command();
        String base = "http://127.0.0.1:" + app.port();
        String command = example.command().replace("localhost:8080", base);
        Matcher tenant = Pattern.compile("/api/v1/tenants/([a-z0-9-]+)").matcher(command);
        String tenantId = tenant.find() ? tenant.group(1) : "t-acme-life";
        // curl writes the status to stderr after the body; a stream (text/event-stream) is cut after 3 s.
        String script = "set -o pipefail\n"
                + "curl() { command curl --max-time 3 -w '%{stderr}HTTP_STATUS=%{http_code}\\n' \"$@\"; }\n"
                + command + "\n";
        ProcessBuilder process = new ProcessBuilder("bash", "-c", script);
        Map<String, String> env = process.environment();
        env.put("TOKEN", TOKENS.token(tenantId, null, Role.EXECUTIVE));
        env.put("ADMIN", TOKENS.token(tenantId, null, Role.ADMINISTRATOR));
        env.put("AUDITOR", TOKENS.token(tenantId, null, Role.AUDITOR));
        Path out = Files.createTempFile("readme-example-", ".out");
        Path err = Files.createTempFile("readme-example-", ".err");
        Process p =
                process.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return List.of(at + ": did not finish within 30 s");
        }
        String body = Files.readString(out, StandardCharsets.UTF_8);
        String stderr = Files.readString(err, StandardCharsets.UTF_8);
        Matcher statusLine = Pattern.compile("HTTP_STATUS=(\\d{3})").matcher(stderr);
        if (!statusLine.find()) {
            return List.of(at + ": no HTTP status (exit " + p.exitValue() + "): " + stderr);
        }
        int status = Integer.parseInt(statusLine.group(1));
        boolean stream = command.contains("text/event-stream");
        List<String> problems = new ArrayList<>();
        boolean asDocumented = example.expectedStatus() == ANY_SUCCESS
                ? status >= 200 && status < 300
                : status == example.expectedStatus();
        if (!asDocumented) {
            problems.add(at + ": answered " + status + ", documented " + example.expectedStatus() + ": " + body);
        } else if (stream) {
            // curl's exit 28 is the cut after 3 s; the stream must have greeted the client by then.
            if (p.exitValue() != 28 || !body.contains(": connected")) {
                problems.add(at + ": stream exit " + p.exitValue() + ", body " + body);
            }
        } else if (p.exitValue() != 0) {
            problems.add(at + ": exit " + p.exitValue() + ": " + stderr);
        } else if (!command.contains("| ")) {
            problems.addAll(shape(check, command, status, body, at));
        }
        return problems;
    }

    /** The answer against the schema the document gives the operation for that status. */
    @SuppressWarnings("unchecked")
    private static List<String> shape(SchemaCheck check, String command, int status, String body, String at)
            throws IOException {
        Matcher url =
                Pattern.compile("http://127\\.0\\.0\\.1:\\d+(/[^'\"\\s?]*)").matcher(command);
        if (!url.find()) {
            return List.of(at + ": no URL");
        }
        Matcher explicit = Pattern.compile("-X (GET|POST|PUT|DELETE)").matcher(command);
        String method = explicit.find() ? explicit.group(1) : (command.contains(" -d ") ? "POST" : "GET");
        Map<String, Map<String, Object>> paths =
                (Map<String, Map<String, Object>>) ApiDocs.document().get("paths");
        for (var path : paths.entrySet()) {
            String regex = path.getKey().replaceAll("\\{[^}]+}", "[^/]+");
            Map<String, Object> operation =
                    (Map<String, Object>) path.getValue().get(method.toLowerCase(Locale.ROOT));
            if (operation == null || !url.group(1).matches(regex)) {
                continue;
            }
            Object response = ((Map<String, Object>) operation.get("responses")).get(Integer.toString(status));
            if (response == null) {
                return List.of(at + ": status " + status + " is not documented");
            }
            Object schema = OpenApiDocumentTest.jsonSchema(check, response);
            if (schema == null) {
                return List.of(at + ": the document has no JSON answer for " + status);
            }
            JsonNode json = JSON.readTree(body);
            return check.check(schema, json, at);
        }
        return List.of(at + ": no operation " + method + " " + url.group(1) + " in the document");
    }
}
