package io.kpipulse.api;

import static io.kpipulse.api.auth.Role.PUBLIC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.router.Endpoint;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.docs.ApiDocs;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Keeps {@code openapi/openapi.yaml} true: it lists exactly the API's routes with exactly their roles, its
 * references resolve, and every route's answer — called as the access matrix calls it, for each role it
 * admits — has the shape the document gives for its status, field for field.
 */
class OpenApiDocumentTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    /** The dashboard's pages are HTML for people, not API operations. */
    static final Set<String> PAGES =
            Set.of("GET /", "GET /tenants/{tenant}", "GET /tenants/{tenant}/<page>", "GET /api-docs");

    static final Map<String, Object> DOCUMENT = ApiDocs.document();
    static SecuredApi api;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        api = new SecuredApi(SeededClickHouse.create(CLICKHOUSE, "openapi_document"));
        services = api.services(b -> b);
    }

    @AfterAll
    static void close() {
        services.close();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new TreeMap<>();
        ((Map<String, Map<String, Object>>) DOCUMENT.get("paths"))
                .forEach((path, item) -> item.forEach((method, operation) ->
                        operations.put(method.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) operation)));
        return operations;
    }

    @Test
    void theDocumentListsExactlyTheRoutesWithTheirRoles() {
        SecuredApi.withApp(services, (app, client) -> {
            Map<String, Set<String>> routes = new TreeMap<>();
            for (Endpoint e : AccessMatrixTest.routes(app)) {
                if (!PAGES.contains(AccessMatrixTest.key(e))) {
                    routes.put(
                            AccessMatrixTest.key(e),
                            e.getRoles().stream().map(Object::toString).collect(Collectors.toCollection(TreeSet::new)));
                }
            }
            Map<String, Set<String>> documented = new TreeMap<>();
            operations().forEach((key, operation) -> documented.put(key, new TreeSet<>(roles(operation))));
            assertEquals(routes, documented);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyReferenceResolvesAndEveryPathParameterIsDeclared() {
        SchemaCheck check = new SchemaCheck(DOCUMENT);
        List<String> problems = new ArrayList<>();
        Matcher refs = Pattern.compile("\\$ref=(#/[^,}]+)").matcher(DOCUMENT.toString());
        while (refs.find()) {
            if (check.resolve(refs.group(1)) == null) {
                problems.add("unresolved " + refs.group(1));
            }
        }
        operations().forEach((key, operation) -> {
            Set<String> declared = new TreeSet<>();
            for (Object p : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> parameter = (Map<String, Object>) p;
                if (parameter.containsKey("$ref")) {
                    parameter = (Map<String, Object>) check.resolve((String) parameter.get("$ref"));
                }
                if ("path".equals(parameter.get("in"))) {
                    declared.add((String) parameter.get("name"));
                }
            }
            Set<String> inPath = new TreeSet<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(key);
            while (m.find()) {
                inPath.add(m.group(1));
            }
            if (!declared.equals(inPath)) {
                problems.add(key + ": path parameters " + inPath + ", declared " + declared);
            }
            if (!operation.containsKey("responses") || !operation.containsKey("operationId")) {
                problems.add(key + ": needs an operationId and responses");
            }
        });
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAnswerOfEveryRouteHasTheDocumentedShape() {
        SchemaCheck check = new SchemaCheck(DOCUMENT);
        Map<String, Map<String, Object>> operations = operations();
        SecuredApi.withApp(services, (app, client) -> {
            List<String> problems = new ArrayList<>();
            int checked = 0;
            for (var e : AccessMatrixTest.MATRIX.entrySet()) {
                Map<String, Object> operation = operations.get(e.getKey());
                if (operation == null) {
                    continue; // a dashboard page; the route listing above covers the rest
                }
                String method = e.getKey().substring(0, e.getKey().indexOf(' '));
                String path = e.getValue().path().replace("{tenant}", SecuredApi.TENANT);
                for (Role role : e.getValue().allowed()) {
                    var answer = role == PUBLIC
                            ? SecuredApi.send(client, method, path, e.getValue().body())
                            : SecuredApi.send(
                                    client,
                                    method,
                                    path,
                                    e.getValue().body(),
                                    "Authorization",
                                    api.bearer(SecuredApi.TENANT, role));
                    String at = e.getKey() + " as " + role + " → " + answer.status();
                    Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
                    Object response = responses.get(Integer.toString(answer.status()));
                    if (response == null) {
                        problems.add(at + ": status not documented (" + answer.body() + ")");
                        continue;
                    }
                    Object schema = jsonSchema(check, response);
                    if (schema != null) {
                        problems.addAll(check.check(schema, answer.json(), at));
                        checked++;
                    }
                }
            }
            assertTrue(problems.isEmpty(), String.join("\n", problems));
            assertTrue(checked > 40, "answers checked: " + checked);
        });
    }

    /** Tags whose answer schemas their own surfaces write (scoring, alerts, period close). */
    static final Set<String> OTHER_SURFACES = Set.of("scoring", "alerts", "period-close");

    @Test
    @SuppressWarnings("unchecked")
    void everyObjectOfTheDashboardAndReadOperationsIsClosed() {
        SchemaCheck check = new SchemaCheck(DOCUMENT);
        List<String> open = new ArrayList<>();
        operations().forEach((key, operation) -> {
            List<String> tags = (List<String>) operation.getOrDefault("tags", List.of());
            if (tags.stream().anyMatch(OTHER_SURFACES::contains)) {
                return;
            }
            Map<String, Object> responses = (Map<String, Object>) operation.get("responses");
            responses.forEach((status, response) ->
                    closed(check, jsonSchema(check, response), key + " " + status, new TreeSet<>(), open));
        });
        assertTrue(open.isEmpty(), "open objects (no additionalProperties: false):\n" + String.join("\n", open));
    }

    /** Collects the objects with properties under {@code schema} that admit fields the document does not name. */
    @SuppressWarnings("unchecked")
    private static void closed(SchemaCheck check, Object schema, String at, Set<String> seen, List<String> open) {
        if (!(schema instanceof Map<?, ?> raw)) {
            return;
        }
        Map<String, Object> s = (Map<String, Object>) raw;
        if (s.get("$ref") instanceof String ref) {
            if (seen.add(ref)) {
                closed(check, check.resolve(ref), ref, seen, open);
            }
            return;
        }
        if (s.get("properties") instanceof Map<?, ?> properties) {
            if (!Boolean.FALSE.equals(s.get("additionalProperties"))) {
                open.add(at);
            }
            properties.forEach((name, p) -> closed(check, p, at + "." + name, seen, open));
        }
        closed(check, s.get("items"), at + "[]", seen, open);
        if (s.get("additionalProperties") instanceof Map<?, ?> values) {
            closed(check, values, at + "{}", seen, open);
        }
        if (s.get("oneOf") instanceof List<?> options) {
            options.forEach(o -> closed(check, o, at + "|", seen, open));
        }
    }

    @Test
    void theDocumentIsServedAsJsonAndTheViewerAsAPage() {
        SecuredApi.withApp(services, (app, client) -> {
            var json = SecuredApi.send(client, "GET", "/openapi.json", null).expect(200);
            assertEquals("3.1.0", json.json().path("openapi").asText());
            assertEquals(
                    operations().size(),
                    json.json().path("paths").properties().stream()
                            .mapToInt(p -> p.getValue().size())
                            .sum());
            var page = SecuredApi.send(client, "GET", "/api-docs", null).expect(200);
            assertTrue(page.body().contains("<div id=\"docs\">"), page.body());
            Matcher script = Pattern.compile("src=\"(/assets/[^\"]+\\.js)\"").matcher(page.body());
            assertTrue(script.find(), page.body());
            SecuredApi.send(client, "GET", script.group(1), null).expect(200);
        });
    }

    @SuppressWarnings("unchecked")
    private static List<String> roles(Map<String, Object> operation) {
        return (List<String>) operation.getOrDefault("x-roles", List.of());
    }

    /** The JSON schema of a documented response (following a reference to a shared response), or null. */
    @SuppressWarnings("unchecked")
    static Object jsonSchema(SchemaCheck check, Object response) {
        Map<String, Object> r = (Map<String, Object>) response;
        if (r.containsKey("$ref")) {
            r = (Map<String, Object>) check.resolve((String) r.get("$ref"));
        }
        Map<String, Object> content = (Map<String, Object>) r.getOrDefault("content", Map.of());
        Map<String, Object> json = (Map<String, Object>) content.get("application/json");
        return json == null ? null : json.get("schema");
    }
}
