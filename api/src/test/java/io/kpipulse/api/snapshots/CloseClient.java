package io.kpipulse.api.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.testtools.HttpClient;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.TestTokens;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Signed-in requests to the period-close routes of a test server, one role (and employee) per call. */
final class CloseClient {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String BASE = "/api/v1/tenants/t-acme/periods/";
    private static final MediaType JSON_TYPE = MediaType.get("application/json");

    /** An answer, the body read once (bytes for sheets). */
    record Answer(int status, byte[] bytes, String contentType) {
        String text() {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(bytes);
        }

        Answer expect(int expected) {
            assertEquals(expected, status, text());
            return this;
        }
    }

    private final HttpClient client;
    private final TestTokens tokens;

    CloseClient(HttpClient client, TestTokens tokens) {
        this.client = client;
        this.tokens = tokens;
    }

    Answer get(String path, String employee, Role... roles) throws IOException {
        return send("GET", path, null, employee, roles);
    }

    Answer post(String path, String body, String employee, Role... roles) throws IOException {
        return send("POST", path, body, employee, roles);
    }

    Answer send(String method, String path, String body, String employee, Role... roles) throws IOException {
        Request.Builder b = new Request.Builder()
                .url(client.getOrigin() + BASE + path)
                .header("Authorization", tokens.bearer(CloseSeed.TENANT, employee, roles));
        RequestBody payload = body == null
                ? (method.equals("GET") || method.equals("DELETE") ? null : RequestBody.create("", JSON_TYPE))
                : RequestBody.create(body, JSON_TYPE);
        b.method(method, payload);
        try (Response r = client.request(b.build())) {
            return new Answer(
                    r.code(), r.body() == null ? new byte[0] : r.body().bytes(), r.header("Content-Type"));
        }
    }
}
