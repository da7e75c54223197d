package io.kpipulse.api;

import static io.kpipulse.api.auth.Role.DEPARTMENT_HEAD;
import static io.kpipulse.api.auth.Role.EMPLOYEE;
import static io.kpipulse.api.auth.Role.PUBLIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.router.Endpoint;
import io.kpipulse.api.auth.Role;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every route the app registers, every path and query parameter it has (from the access matrix's request and
 * the OpenAPI document's parameters) and every top-level field of its JSON body, one at a time replaced by an
 * injection payload, sent as the narrowest role the route admits. Each answer must be a 4xx with the JSON error
 * shape or a normal answer: never a 5xx, never our SQL, a stack trace or a driver's error text, never another
 * tenant's data nor (for an employee) another person's, never a header the payload tried to add; and every
 * table is there afterwards with its rows. A route added to {@link ApiApp} is walked as soon as the access matrix
 * has its entry, which {@link AccessMatrixTest} demands.
 */
class InjectionWalkTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    /** Text payloads for parameters and body fields. */
    static final List<String> PAYLOADS = List.of(
            "' OR 1=1 --",
            "1; DROP TABLE audit_log",
            "e-1' UNION ALL SELECT name, toString(base_pay) FROM org_employee_personal --",
            // ClickHouse's own query parameters and settings: must never be substituted or applied.
            "{x:String}",
            "{tenant_id:String}",
            "1 SETTINGS readonly=0",
            "' FORMAT TabSeparatedRaw --",
            // Format strings (Java, C, log4j lookups).
            "%s%n%x%p{0}",
            "${jndi:ldap://example.invalid/a}",
            "../../../etc/passwd",
            "..%2F..%2Fetc%2Fpasswd",
            "x\r\nX-Injected: 1",
            "\u0000",
            "ｅ－１",
            "e-1\u200B",
            "\u202Egnp.exe",
            "e\u0301😀𝔘",
            "A".repeat(4_000),
            "-1",
            "99999999999999999999999");

    /** Non-text JSON values for body fields: a string field given an object, an array, a number out of range. */
    static final List<String> JSON_VALUES = List.of("null", "[]", "{\"$gt\":\"\"}", "1e400", "true");

    /** A body field's payload too large for a URL. */
    static final String OVERSIZED = "B".repeat(200_000);

    /** Words of our SQL, our code and the driver's errors; a 400 may echo the client's own text, so not theirs. */
    static final List<String> LEAKS = List.of(
            "WHERE ",
            "FINAL",
            "tenant_id",
            "Exception",
            "ClickHouse",
            "\tat ",
            "SELECT ",
            "Code: ",
            "DB::",
            "io.kpipulse",
            "java.");

    /** Static documents about the product (they name ClickHouse and SQL words by design, whatever was sent). */
    static final Set<String> DOCUMENTS = Set.of("GET /openapi.json", "GET /api-docs");

    /** People of the seeded org other than the employee e-1 (whose own figures they may see). */
    static final Pattern OTHER_PEOPLE = Pattern.compile("\\b(e-[02-9]|c-[12]|h-1)\\b");

    static SecuredApi api;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "injection_walk"));
        services = api.services(b -> b);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    /** One parameter of one route: where it goes and the value the access matrix's request gives it. */
    record Parameter(String in, String name, String base) {}

    @Test
    void everyParameterOfEveryRouteFailsSafelyUnderInjection() throws Exception {
        Map<String, Long> tablesBefore = tables();
        List<String> wrong = new ArrayList<>();
        int[] sent = {0};
        Set<String> walked = new java.util.TreeSet<>();
        SecuredApi.withApp(services, (app, client) -> {
            for (Endpoint e : AccessMatrixTest.routes(app)) {
                String key = AccessMatrixTest.key(e);
                AccessMatrixTest.Entry entry = AccessMatrixTest.MATRIX.get(key);
                assertTrue(entry != null, "no access matrix entry for " + key);
                Role role = narrowest(entry.allowed());
                String method = e.getMethod().name();
                for (Parameter p : parameters(key, entry)) {
                    walked.add(key + " " + p.in() + ":" + p.name());
                    List<String> values = new ArrayList<>(PAYLOADS);
                    if (p.in().equals("body")) {
                        values.add(OVERSIZED);
                    }
                    for (String payload : values) {
                        String path = p.in().equals("body") ? path(entry) : inject(key, entry, p, payload);
                        String body = p.in().equals("body") ? body(entry, p.name(), quoted(payload)) : entry.body();
                        check(
                                client,
                                method,
                                path,
                                body,
                                role,
                                key + " " + p.name() + "=" + shorten(payload),
                                payload,
                                wrong);
                        sent[0]++;
                    }
                    if (p.in().equals("body")) {
                        for (String json : JSON_VALUES) {
                            check(
                                    client,
                                    method,
                                    path(entry),
                                    body(entry, p.name(), json),
                                    role,
                                    key + " " + p.name() + "=" + json,
                                    json,
                                    wrong);
                            sent[0]++;
                        }
                    }
                }
                // Injected request headers: a proxy's request id, the language, the origin.
                for (String header : List.of("X-Request-Id", "Accept-Language", "Origin")) {
                    for (String payload : List.of("' OR 1=1 --", "{x:String}", "%s%n", "A".repeat(4_000))) {
                        check(
                                client,
                                method,
                                path(entry),
                                entry.body(),
                                role,
                                key + " header " + header,
                                payload,
                                wrong,
                                header,
                                payload);
                        sent[0]++;
                    }
                }
            }
        });
        assertTrue(wrong.isEmpty(), wrong.size() + " unsafe answers of " + sent[0] + ":\n" + String.join("\n", wrong));
        // Every route with parameters was walked: more than the path parameters alone.
        assertTrue(walked.size() > 100, "parameters walked: " + walked.size() + " " + walked);
        Map<String, Long> tablesAfter = tables();
        assertEquals(tablesBefore.keySet(), tablesAfter.keySet(), "every table is still there, none added");
        for (String table :
                List.of("indicator_values", "raw_events", "dead_letters", "late_events", "org_employee_personal")) {
            assertEquals(tablesBefore.get(table), tablesAfter.get(table), table + " unchanged");
        }
        tablesBefore.forEach((table, rows) -> assertTrue(
                tablesAfter.get(table) >= rows, table + " lost rows: " + rows + " → " + tablesAfter.get(table)));
    }

    private static void check(
            io.javalin.testtools.HttpClient client,
            String method,
            String path,
            String body,
            Role role,
            String what,
            String payload,
            List<String> wrong,
            String... extraHeaders)
            throws Exception {
        List<String> headers = new ArrayList<>(List.of(extraHeaders));
        if (role != PUBLIC) {
            headers.add("Authorization");
            headers.add(api.bearer(SecuredApi.TENANT, role));
        }
        SecuredApi.Answer a;
        try {
            a = SecuredApi.send(client, method, path, body, headers.toArray(String[]::new));
        } catch (IllegalArgumentException refusedByTheClient) {
            // OkHttp refuses to send control characters in a header: no request, nothing to check.
            return;
        }
        String route = what.substring(0, what.indexOf(' ', what.indexOf(' ') + 1));
        String problem = problem(a, role, payload, DOCUMENTS.contains(route));
        if (problem != null) {
            wrong.add(what + " as " + role + " → " + a.status() + " " + problem + ": " + shorten(a.body()));
        }
    }

    /** Why an answer is unsafe, or null. */
    static String problem(SecuredApi.Answer a, Role role, String payload, boolean document) {
        if (a.status() >= 500 || a.status() < 200) {
            return "server error";
        }
        if (a.status() >= 400) {
            try {
                JsonNode error = a.json().path("error");
                if (!error.path("code").isTextual() || !error.path("message").isTextual()) {
                    return "not the JSON error shape";
                }
            } catch (java.io.IOException e) {
                return "not JSON";
            }
        }
        for (String leak : document ? List.<String>of() : LEAKS) {
            if (a.body().contains(leak) && !payload.contains(leak.strip())) {
                return "leaks '" + leak.strip() + "'";
            }
        }
        if (a.body().contains(SecuredApi.OTHER)) {
            return "another tenant's data";
        }
        if (role == EMPLOYEE) {
            Matcher m = OTHER_PEOPLE.matcher(a.body());
            if (m.find()) {
                return "another person's data (" + m.group() + ") to an employee";
            }
        }
        if (a.header("X-Injected") != null) {
            return "a header injected";
        }
        return null;
    }

    /** The narrowest role admitted: an employee, else a head, else the first in declaration order. */
    static Role narrowest(Set<Role> allowed) {
        if (allowed.contains(PUBLIC)) {
            return PUBLIC;
        }
        for (Role r : List.of(EMPLOYEE, DEPARTMENT_HEAD)) {
            if (allowed.contains(r)) {
                return r;
            }
        }
        return allowed.stream().sorted().findFirst().orElseThrow();
    }

    /** Path parameters of the route, query parameters of the matrix's request and the document, body fields. */
    @SuppressWarnings("unchecked")
    static List<Parameter> parameters(String key, AccessMatrixTest.Entry entry) throws Exception {
        Set<Parameter> out = new LinkedHashSet<>();
        String template = key.substring(key.indexOf(' ') + 1);
        String[] names = template.split("/");
        String[] values = path(entry).split("\\?")[0].split("/");
        for (int i = 0; i < names.length; i++) {
            if (names[i].startsWith("{") || names[i].startsWith("<")) {
                out.add(new Parameter("path", names[i], values[i]));
            }
        }
        Map<String, String> query = query(entry);
        query.forEach((name, value) -> out.add(new Parameter("query", name, value)));
        Map<String, Object> operation = OpenApiDocumentTest.operations().get(key);
        SchemaCheck document = new SchemaCheck(OpenApiDocumentTest.DOCUMENT);
        if (operation != null) {
            for (Object o : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> p = resolved(document, o);
                if ("query".equals(p.get("in")) && !query.containsKey((String) p.get("name"))) {
                    out.add(new Parameter("query", (String) p.get("name"), null));
                }
            }
        }
        Set<String> fields = new LinkedHashSet<>();
        if (entry.body() != null && entry.body().startsWith("{")) {
            SecuredApi.JSON.readTree(entry.body()).fieldNames().forEachRemaining(fields::add);
        }
        if (operation != null && operation.get("requestBody") instanceof Map<?, ?> requestBody) {
            Object schema = ((Map<String, Map<String, Map<String, Object>>>) requestBody.get("content"))
                    .getOrDefault("application/json", Map.of())
                    .get("schema");
            if (schema != null) {
                Map<String, Object> s = resolved(document, schema);
                fields.addAll(((Map<String, Object>) s.getOrDefault("properties", Map.of())).keySet());
            }
        }
        fields.forEach(f -> out.add(new Parameter("body", f, null)));
        return List.copyOf(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> resolved(SchemaCheck document, Object o) {
        Map<String, Object> m = (Map<String, Object>) o;
        return m.containsKey("$ref") ? (Map<String, Object>) document.resolve((String) m.get("$ref")) : m;
    }

    static String path(AccessMatrixTest.Entry entry) {
        return entry.path().replace("{tenant}", SecuredApi.TENANT);
    }

    static Map<String, String> query(AccessMatrixTest.Entry entry) {
        Map<String, String> out = new LinkedHashMap<>();
        String p = path(entry);
        int q = p.indexOf('?');
        if (q >= 0) {
            for (String pair : p.substring(q + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                out.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return out;
    }

    /** The matrix's request with one path segment or query value replaced by the encoded payload. */
    static String inject(String key, AccessMatrixTest.Entry entry, Parameter p, String payload) {
        String encoded = URLEncoder.encode(payload, StandardCharsets.UTF_8).replace("+", "%20");
        String full = path(entry);
        String bare = full.split("\\?")[0];
        Map<String, String> query = query(entry);
        if (p.in().equals("path")) {
            String[] names = key.substring(key.indexOf(' ') + 1).split("/");
            String[] values = bare.split("/");
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(p.name())) {
                    values[i] = encoded;
                }
            }
            bare = String.join("/", values);
        } else {
            query.put(p.name(), encoded);
        }
        StringBuilder out = new StringBuilder(bare);
        String sep = "?";
        for (var q : query.entrySet()) {
            out.append(sep).append(q.getKey()).append('=').append(q.getValue());
            sep = "&";
        }
        return out.toString();
    }

    /** The matrix's body (or an empty object) with {@code field} set to the given JSON value. */
    static String body(AccessMatrixTest.Entry entry, String field, String jsonValue) throws Exception {
        ObjectNode body = entry.body() != null && entry.body().startsWith("{")
                ? (ObjectNode) SecuredApi.JSON.readTree(entry.body())
                : SecuredApi.JSON.createObjectNode();
        body.remove(field);
        String rest = SecuredApi.JSON.writeValueAsString(body);
        // Written as text so that a value Jackson would refuse to build (1e400) still goes on the wire.
        String head = rest.equals("{}") ? "{" : rest.substring(0, rest.length() - 1) + ",";
        return head + SecuredApi.JSON.writeValueAsString(field) + ":" + jsonValue + "}";
    }

    static String quoted(String payload) throws Exception {
        return SecuredApi.JSON.writeValueAsString(payload);
    }

    static String shorten(String s) {
        return s.length() > 160 ? s.substring(0, 160) + "…(" + s.length() + ")" : s;
    }

    /** Every table of the test database with its row count. */
    static Map<String, Long> tables() throws SQLException {
        Map<String, Long> out = new TreeMap<>();
        List<String> names = new ArrayList<>();
        try (Connection c = api.seeded.connector().open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT name FROM system.tables WHERE database = currentDatabase()")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        for (String name : names) {
            out.put(name, api.seeded.count(name));
        }
        return out;
    }
}
