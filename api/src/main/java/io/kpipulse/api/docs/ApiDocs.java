package io.kpipulse.api.docs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.kpipulse.api.http.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The OpenAPI document of the API and its viewer. The document is written by hand in YAML next to the code
 * ({@code openapi/openapi.yaml}) and served as JSON; {@code OpenApiDocumentTest} keeps it true: every route
 * with its roles, and every answer of every route validated against it. The viewer is Swagger UI, built
 * from npm with the dashboard into {@code web/api-docs.html}, so it works without internet.
 */
public final class ApiDocs {

    static final String DOCUMENT = "/openapi/openapi.yaml";
    private static final String VIEWER = "/web/api-docs.html";

    private final byte[] json;
    private final String viewer;

    private ApiDocs(byte[] json, String viewer) {
        this.json = json;
        this.viewer = viewer;
    }

    public static ApiDocs fromClasspath(ObjectMapper mapper) {
        try {
            return new ApiDocs(
                    mapper.writeValueAsBytes(document()),
                    read(VIEWER) == null ? null : new String(read(VIEWER), StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document does not convert to JSON", e);
        }
    }

    /** The document as a tree of maps and lists (YAML 1.1 types: quote strings such as OFF or yes). */
    public static Map<String, Object> document() {
        byte[] yaml = read(DOCUMENT);
        if (yaml == null) {
            throw new IllegalStateException(DOCUMENT + " is missing from the classpath");
        }
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(yaml, StandardCharsets.UTF_8));
    }

    public void document(Context ctx) {
        ctx.contentType("application/json");
        ctx.result(json);
    }

    public void viewer(Context ctx) {
        if (viewer == null) {
            throw new NotFoundException("the API viewer was not built into this server (src/main/web)");
        }
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType("text/html; charset=utf-8");
        ctx.result(viewer);
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocs.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
