package io.kpipulse.stack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server standing in for a customer's webhook endpoint: keeps every call it receives. */
final class WebhookReceiver implements AutoCloseable {

    record Call(String timestamp, String signature, String idempotencyKey, String body, long receivedAtMillis) {}

    private final HttpServer server;
    final List<Call> calls = new CopyOnWriteArrayList<>();

    WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            calls.add(new Call(
                    h.getFirst("X-KpiPulse-Timestamp"),
                    h.getFirst("X-KpiPulse-Signature"),
                    h.getFirst("X-KpiPulse-Idempotency-Key"),
                    new String(body, StandardCharsets.UTF_8),
                    System.currentTimeMillis()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
