package io.kpipulse.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Writes an answer as JSON bytes in one step. {@code ctx.json} serialises to a {@link String} first and Javalin
 * then encodes it again to UTF-8 (twice the copying, and with Chinese names a UTF-16 string in between): on the
 * dashboard routes that was the largest source of garbage per request after the routing itself.
 */
public final class JsonAnswer {

    private final ObjectMapper json;

    public JsonAnswer(ObjectMapper json) {
        this.json = Objects.requireNonNull(json, "json");
    }

    public void write(Context ctx, Object answer) {
        byte[] body;
        try {
            body = json.writeValueAsBytes(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a bug: mapped to 500 like any other
        }
        ctx.contentType(ContentType.APPLICATION_JSON).result(body);
    }
}
