package io.kpipulse.opschecks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The repository's deployment files, parsed, and the vendored schemas they are validated against. */
final class Files {
    static final ObjectMapper JSON = new ObjectMapper();
    /** Maven runs the tests in the module's directory, deploy/ops-checks. */
    static final Path DEPLOY = Path.of("..").toAbsolutePath().normalize();

    private Files() {}

    /**
     * Every YAML document of a file, as JSON trees. SnakeYAML rather than Jackson's YAML parser: Compose files
     * use merge keys ({@code <<: *anchor}), which only SnakeYAML resolves.
     */
    static List<JsonNode> yamlDocuments(Path file) {
        Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
        List<JsonNode> docs = new ArrayList<>();
        try {
            for (Object doc : yaml.loadAll(java.nio.file.Files.readString(file, StandardCharsets.UTF_8))) {
                if (doc != null) {
                    docs.add(JSON.valueToTree(doc));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A vendored schema from src/test/resources/schemas (see its README for where each comes from), read as
     * JSON Schema draft 7. Its own {@code $schema} and {@code $id} are dropped: the Kubernetes files name a
     * dialect URI no validator knows ({@code http://json-schema.org/schema#}) and the Compose file a relative
     * {@code $id}; every {@code $ref} in them is internal ({@code #/...}), so nothing else depends on either.
     */
    static Schema schema(String resource) {
        try (InputStream in = Files.class.getResourceAsStream("/schemas/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no vendored schema " + resource);
            }
            ObjectNode tree = (ObjectNode) JSON.readTree(in);
            tree.remove("$schema");
            tree.remove("$id");
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
                    .getSchema(SchemaLocation.of("https://kpi-pulse.invalid/schemas/" + resource), tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema's complaints about {@code node}, as readable lines (empty when valid). */
    static List<String> violations(Schema schema, JsonNode node) {
        return schema.validate(node).stream().map(Error::toString).toList();
    }
}
