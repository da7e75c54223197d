package io.kpipulse.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.opschecks.Manifests.Manifest;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** deploy/k8s against the Kubernetes and operator (CRD) schemas, and against each other and the code. */
class KubernetesManifestsTest {
    private static final List<Manifest> ALL = Manifests.all();

    @Test
    void everyManifestIsValidAgainstTheSchemaOfItsKind() {
        assertFalse(ALL.isEmpty());
        List<String> wrong = new ArrayList<>();
        for (Manifest m : ALL) {
            String schema = Manifests.SCHEMAS.get(m.type());
            if (schema == null) {
                wrong.add(m + ": no vendored schema for " + m.type());
                continue;
            }
            Files.violations(Files.schema(schema), m.doc()).forEach(v -> wrong.add(m + ": " + v));
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theSchemasRejectWhatTheClusterWouldRefuse() {
        JsonNode deployment = Manifests.ofKind("Deployment").get(0).doc().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) deployment.path("spec")).put("replicas", "two");
        assertFalse(Files.violations(Files.schema("kubernetes/deployment-apps-v1.json"), deployment)
                .isEmpty());
        JsonNode flink = Manifests.ofKind("FlinkDeployment").get(0).doc().deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) flink.path("spec")).put("flinkVersion", "v9_9");
        assertFalse(Files.violations(Files.schema("crds/flinkdeployment_v1beta1.json"), flink)
                .isEmpty());
    }

    @Test
    void everyContainerIsPinnedProbedAndAsksForResources() {
        List<String> wrong = new ArrayList<>();
        for (Manifest m : ALL) {
            if (!Set.of("Deployment", "StatefulSet").contains(m.kind())) {
                continue;
            }
            for (JsonNode c : m.doc().path("spec").path("template").path("spec").path("containers")) {
                String where = m + " container " + c.path("name").asText();
                if (!Manifests.pinned(c.path("image").asText())) {
                    wrong.add(where + ": image not pinned");
                }
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    if (c.path(probe).isMissingNode()) {
                        wrong.add(where + ": no " + probe);
                    }
                }
                JsonNode requests = c.path("resources").path("requests");
                if (requests.path("cpu").isMissingNode()
                        || requests.path("memory").isMissingNode()) {
                    wrong.add(where + ": no cpu and memory requests");
                }
                Set<String> ports = new HashSet<>();
                c.path("ports").forEach(p -> ports.add(p.path("name").asText()));
                for (String probe : List.of("readinessProbe", "livenessProbe")) {
                    JsonNode port = c.path(probe).findValue("port");
                    if (port != null && port.isTextual() && !ports.contains(port.asText())) {
                        wrong.add(where + ": " + probe + " names port " + port.asText() + ", which it does not have");
                    }
                }
            }
        }
        for (Manifest m : Manifests.ofKind("FlinkDeployment")) {
            if (!Manifests.pinned(m.doc().path("spec").path("image").asText())) {
                wrong.add(m + ": image not pinned");
            }
            JsonNode spec = m.doc().path("spec");
            for (String role : List.of("jobManager", "taskManager")) {
                if (spec.path(role).path("resource").path("memory").isMissingNode()) {
                    wrong.add(m + ": no " + role + " memory");
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void secretsInGitHoldNoValues() {
        List<String> wrong = new ArrayList<>();
        for (Manifest m : Manifests.ofKind("Secret")) {
            assertTrue(m.doc().path("data").isMissingNode(), m + ": base64 data in git");
            m.doc().path("stringData").fields().forEachRemaining(e -> {
                if (!e.getValue().asText().isEmpty()) {
                    wrong.add(m + ": " + e.getKey() + " has a value in git");
                }
            });
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void everyReferencedConfigMapSecretAndServicePortExists() {
        Set<String> configMaps = names("ConfigMap");
        Set<String> secrets = names("Secret");
        // Made by the operators, not by these files: Strimzi's cluster CA of the Kafka named "kpi".
        Manifests.ofKind("Kafka").forEach(k -> secrets.add(k.name() + "-cluster-ca-cert"));
        List<String> wrong = new ArrayList<>();
        for (Manifest m : ALL) {
            for (JsonNode ref : m.doc().findValues("configMapRef")) {
                if (!configMaps.contains(ref.path("name").asText())) {
                    wrong.add(m + ": no ConfigMap " + ref.path("name").asText());
                }
            }
            for (String key : List.of("secretRef", "secretKeyRef")) {
                for (JsonNode ref : m.doc().findValues(key)) {
                    if (!secrets.contains(ref.path("name").asText())) {
                        wrong.add(m + ": no Secret " + ref.path("name").asText());
                    }
                }
            }
            for (JsonNode volume : m.doc().findValues("secretName")) {
                if (m.kind().equals("Ingress")) {
                    continue; // the TLS certificate comes from cert-manager or the platform
                }
                if (!secrets.contains(volume.asText())) {
                    wrong.add(m + ": no Secret " + volume.asText());
                }
            }
        }
        for (Manifest service : Manifests.ofKind("Service")) {
            Map<String, String> selector = strings(service.doc().path("spec").path("selector"));
            Set<String> podPorts = podPortNames(selector);
            for (JsonNode port : service.doc().path("spec").path("ports")) {
                String target = port.path("targetPort").asText();
                if (!podPorts.contains(target)) {
                    wrong.add(service + ": targetPort " + target + " is no port of the pods it selects");
                }
            }
        }
        Map<String, Set<String>> servicePorts = new LinkedHashMap<>();
        Manifests.ofKind("Service")
                .forEach(s -> servicePorts.put(
                        s.name(),
                        stream(s.doc().path("spec").path("ports"))
                                .map(p -> p.path("name").asText())
                                .collect(Collectors.toSet())));
        for (Manifest ingress : Manifests.ofKind("Ingress")) {
            for (JsonNode backend : ingress.doc().findValues("service")) {
                String name = backend.path("name").asText();
                String port = backend.path("port").path("name").asText();
                if (!servicePorts.getOrDefault(name, Set.of()).contains(port)) {
                    wrong.add(ingress + ": backend " + name + ":" + port + " does not exist");
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theApiAndTheEngineGetEverySettingProductionNeedsAndOnlySettingsTheyRead() {
        ComposeFileTest.assertKnownAndComplete(
                "kpi-api Deployment",
                environmentOf("kpi-api"),
                ProcessSettings.apiVariables(),
                ProcessSettings.API_REQUIRED);
        ComposeFileTest.assertKnownAndComplete(
                "kpi-engine FlinkDeployment",
                environmentOf("kpi-engine"),
                ProcessSettings.engineVariables(),
                ProcessSettings.ENGINE_REQUIRED);
        JsonNode flink = Manifests.ofKind("FlinkDeployment").get(0).doc().path("spec");
        assertEquals(
                "org.apache.flink.metrics.prometheus.PrometheusReporterFactory",
                flink.path("flinkConfiguration")
                        .path("metrics.reporter.prom.factory.class")
                        .asText());
        assertEquals(
                "io.kpipulse.pipeline.IndicatorJob",
                flink.path("job").path("entryClass").asText());
    }

    @Test
    void everyTopicTheCodeUsesIsAKafkaTopicAndClientsUseTheBrokersTlsListener() throws Exception {
        Set<String> declared = Manifests.ofKind("KafkaTopic").stream()
                .map(t -> t.doc().path("spec").path("topicName").asText())
                .collect(Collectors.toSet());
        Set<String> used = new HashSet<>();
        for (Field f : SourceTopics.class.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                String value = (String) f.get(null);
                if (value.startsWith("kpi.")) {
                    used.add(value);
                }
            }
        }
        assertEquals(used, declared);
        Manifest kafka = Manifests.ofKind("Kafka").get(0);
        JsonNode listener =
                kafka.doc().path("spec").path("kafka").path("listeners").get(0);
        String bootstrap =
                kafka.name() + "-kafka-bootstrap:" + listener.path("port").asInt();
        assertEquals(bootstrap, environmentOf("kpi-api").get("KPI_KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals(bootstrap, environmentOf("kpi-engine").get("KPI_KAFKA_BOOTSTRAP_SERVERS"));
        assertEquals("SASL_SSL", environmentOf("kpi-engine").get("KPI_KAFKA_SECURITY_PROTOCOL"));
        assertEquals(
                "scram-sha-512", listener.path("authentication").path("type").asText());
    }

    /** The variables a workload gets: its ConfigMap and Secret of the same name, plus its explicit env. */
    private static Map<String, String> environmentOf(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Manifest m : ALL) {
            if ((m.kind().equals("ConfigMap") || m.kind().equals("Secret"))
                    && m.name().equals(name)) {
                env.putAll(strings(m.doc().path(m.kind().equals("ConfigMap") ? "data" : "stringData")));
            }
            if (m.name().equals(name) && Set.of("Deployment", "FlinkDeployment").contains(m.kind())) {
                for (JsonNode e : m.doc().findValues("env")) {
                    e.forEach(v ->
                            env.put(v.path("name").asText(), v.path("value").asText("")));
                }
            }
        }
        return env;
    }

    private static Set<String> names(String kind) {
        return Manifests.ofKind(kind).stream().map(Manifest::name).collect(Collectors.toCollection(HashSet::new));
    }

    private static Set<String> podPortNames(Map<String, String> selector) {
        Set<String> ports = new HashSet<>();
        for (Manifest m : ALL) {
            JsonNode template = m.doc().path("spec").path("template");
            if (template.isMissingNode()) {
                continue;
            }
            Map<String, String> labels = strings(template.path("metadata").path("labels"));
            if (!labels.entrySet().containsAll(selector.entrySet())) {
                continue;
            }
            for (JsonNode c : template.path("spec").path("containers")) {
                c.path("ports").forEach(p -> ports.add(p.path("name").asText()));
            }
        }
        return ports;
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list.stream();
    }
}
