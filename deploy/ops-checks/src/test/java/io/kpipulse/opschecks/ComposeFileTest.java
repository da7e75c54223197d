package io.kpipulse.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.config.ConfigOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/compose/docker-compose.yml against the Compose Specification's schema, and against the code. */
class ComposeFileTest {
    private static final Path COMPOSE = Files.DEPLOY.resolve("compose/docker-compose.yml");
    private static final JsonNode FILE = Files.yamlDocuments(COMPOSE).get(0);

    @Test
    void theComposeFileIsValidAgainstTheComposeSpecification() {
        List<String> violations = Files.violations(Files.schema("compose-spec.json"), FILE);
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    @Test
    void theSchemaRejectsAServiceKeyComposeDoesNotKnow() {
        JsonNode broken = FILE.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode)
                        broken.path("services").path("api"))
                .put("restart_policy", "always");
        assertTrue(!Files.violations(Files.schema("compose-spec.json"), broken).isEmpty());
    }

    @Test
    void everyServiceHasAPinnedImageAndAHealthCheck() {
        List<String> wrong = new ArrayList<>();
        FILE.path("services").fields().forEachRemaining(e -> {
            String image = e.getValue().path("image").asText("");
            if (!Manifests.pinned(image)) {
                wrong.add(e.getKey() + ": image '" + image + "' is not pinned to a version");
            }
            if (e.getValue().path("healthcheck").path("test").isMissingNode()) {
                wrong.add(e.getKey() + ": no health check");
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void dependenciesAndVolumesNameWhatTheFileDefines() {
        Set<String> services = new HashSet<>();
        FILE.path("services").fieldNames().forEachRemaining(services::add);
        Set<String> volumes = new HashSet<>();
        FILE.path("volumes").fieldNames().forEachRemaining(volumes::add);
        List<String> wrong = new ArrayList<>();
        FILE.path("services").fields().forEachRemaining(e -> {
            e.getValue().path("depends_on").fieldNames().forEachRemaining(d -> {
                if (!services.contains(d)) {
                    wrong.add(e.getKey() + " depends on unknown service " + d);
                }
            });
            for (JsonNode v : e.getValue().path("volumes")) {
                String source = v.asText().split(":")[0];
                if (!source.contains("/") && !source.startsWith("$") && !volumes.contains(source)) {
                    wrong.add(e.getKey() + " mounts undeclared volume " + source);
                }
            }
        });
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theApiGetsEverySettingProductionNeedsAndOnlySettingsItReads() {
        Map<String, String> env = environment("api");
        assertKnownAndComplete("api", env, ProcessSettings.apiVariables(), ProcessSettings.API_REQUIRED);
        assertEquals(
                "false",
                env.get("KPI_CLICKHOUSE_LOCAL_PROFILE"),
                "a real ClickHouse server takes the driver's defaults");
        // The health check and the published port are the port the API listens on.
        String port = env.get("KPI_API_PORT");
        assertTrue(
                FILE.path("services").path("api").path("healthcheck").toString().contains(":" + port + "/health"));
        assertTrue(
                FILE.path("services").path("api").path("ports").get(0).asText().endsWith(":" + port));
    }

    @Test
    void bothFlinkProcessesGetTheEngineSettingsItReads() {
        for (String service : List.of("jobmanager", "taskmanager")) {
            Map<String, String> env = environment(service);
            env.remove("FLINK_PROPERTIES");
            assertKnownAndComplete(service, env, ProcessSettings.engineVariables(), ProcessSettings.ENGINE_REQUIRED);
        }
        String flink = environment("jobmanager").get("FLINK_PROPERTIES");
        assertTrue(flink.contains("metrics.reporter.prom.factory.class:"), "Prometheus reporter configured");
    }

    @Test
    void servicesReachEachOtherOnPortsTheTargetsListenOn() {
        Map<String, String> api = environment("api");
        assertTrue(api.get("KPI_KAFKA_BOOTSTRAP_SERVERS").equals("kafka:9092"));
        assertTrue(environment("kafka").get("KAFKA_LISTENERS").contains("PLAINTEXT://:9092"));
        Matcher url = Pattern.compile("//([a-z-]+):(\\d+)").matcher(api.get("KPI_CLICKHOUSE_URL"));
        assertTrue(url.find());
        assertEquals("clickhouse", url.group(1));
        assertTrue(FILE.path("services")
                .path("clickhouse")
                .path("ports")
                .get(0)
                .asText()
                .endsWith(":" + url.group(2)));
    }

    private static Map<String, String> environment(String service) {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        FILE.path("services")
                .path(service)
                .path("environment")
                .fields()
                .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        return env;
    }

    static void assertKnownAndComplete(
            String process, Map<String, String> env, Set<String> known, List<ConfigOption<?>> required) {
        List<String> wrong = new ArrayList<>();
        for (String name : env.keySet()) {
            if (name.startsWith("KPI_") && !known.contains(name)) {
                wrong.add(process + " sets " + name + ", which no options class of it reads (a typo?)");
            }
        }
        for (ConfigOption<?> option : required) {
            if (!env.containsKey(option.environmentVariable())) {
                wrong.add(process + " lacks " + option.environmentVariable() + " (" + option.key() + ")");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }
}
