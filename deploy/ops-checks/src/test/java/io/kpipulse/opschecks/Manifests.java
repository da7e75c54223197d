package io.kpipulse.opschecks;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Kubernetes manifests in deploy/k8s, each with the vendored schema of its kind. */
final class Manifests {
    static final Path K8S = Files.DEPLOY.resolve("k8s");

    /** apiVersion + kind → vendored schema; a kind without one fails the validation test. */
    static final Map<String, String> SCHEMAS = Map.ofEntries(
            Map.entry("v1/ConfigMap", "kubernetes/configmap-v1.json"),
            Map.entry("v1/Secret", "kubernetes/secret-v1.json"),
            Map.entry("v1/Service", "kubernetes/service-v1.json"),
            Map.entry("apps/v1/Deployment", "kubernetes/deployment-apps-v1.json"),
            Map.entry("apps/v1/StatefulSet", "kubernetes/statefulset-apps-v1.json"),
            Map.entry("networking.k8s.io/v1/Ingress", "kubernetes/ingress-networking-v1.json"),
            Map.entry("flink.apache.org/v1beta1/FlinkDeployment", "crds/flinkdeployment_v1beta1.json"),
            Map.entry("kafka.strimzi.io/v1beta2/Kafka", "crds/kafka_v1beta2.json"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaNodePool", "crds/kafkanodepool_v1beta2.json"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaTopic", "crds/kafkatopic_v1beta2.json"),
            Map.entry("kafka.strimzi.io/v1beta2/KafkaUser", "crds/kafkauser_v1beta2.json"));

    /** One document of one file. */
    record Manifest(Path file, JsonNode doc) {
        String type() {
            return doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
        }

        String kind() {
            return doc.path("kind").asText();
        }

        String name() {
            return doc.path("metadata").path("name").asText();
        }

        @Override
        public String toString() {
            return file.getFileName() + " " + kind() + " " + name();
        }
    }

    private Manifests() {}

    static List<Manifest> all() {
        List<Manifest> all = new ArrayList<>();
        try (Stream<Path> files = java.nio.file.Files.list(K8S)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Files.yamlDocuments(file).forEach(d -> all.add(new Manifest(file, d)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all;
    }

    static List<Manifest> ofKind(String kind) {
        return all().stream().filter(m -> m.kind().equals(kind)).toList();
    }

    /** A tag that names a version: not absent, not {@code latest}, starting with a digit (or a digest). */
    static boolean pinned(String image) {
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon <= slash) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.equals("latest") && Character.isDigit(tag.charAt(0));
    }
}
