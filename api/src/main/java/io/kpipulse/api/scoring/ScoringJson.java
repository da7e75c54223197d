package io.kpipulse.api.scoring;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.javalin.http.Context;
import io.kpipulse.api.http.ApiJson;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Scoring answers serialise the scoring module's records directly, with every decimal as a JSON string in
 * plain notation at its own scale (points "93.00", pay "7440.00"): pay is computed from them, and a JSON
 * number would become a binary float in most clients.
 */
final class ScoringJson {

    static final ObjectMapper MAPPER = ApiJson.mapper()
            .registerModule(new SimpleModule().addSerializer(BigDecimal.class, new JsonSerializer<BigDecimal>() {
                @Override
                public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider serializers)
                        throws IOException {
                    gen.writeString(value.toPlainString());
                }
            }));

    private ScoringJson() {}

    static void write(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(MAPPER.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a scoring answer always serialises", e);
        }
    }
}
