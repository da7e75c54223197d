package io.kpipulse.api.alerts.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * POSTs a channel's request, retrying with back-off until it is accepted or the attempts run out; every
 * attempt's outcome goes to {@code log}. Accepted means a 2xx answer — and, for the group bots, which answer
 * 200 with an error code in the body, {@code errcode} (WeCom, DingTalk) or {@code code} (Feishu) of 0.
 * The URL is never logged: for the bots it carries the access token.
 */
public final class HttpDelivery {

    private final HttpClient client;
    private final RetrySchedule retries;
    private final Duration timeout;
    private final Sleeper sleeper;
    private final ObjectMapper json = new ObjectMapper();

    /** How the back-off waits (tests pass one that does not). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public HttpDelivery(RetrySchedule retries, Duration timeout, Sleeper sleeper) {
        this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
        this.retries = retries;
        this.timeout = timeout;
        this.sleeper = sleeper;
    }

    /** Delivers; returns true once accepted, false after the last failed attempt. */
    public boolean deliver(
            AlertChannel channel, String idempotencyKey, OutboundRequest request, Consumer<DeliveryAttempt> log)
            throws InterruptedException {
        return RetriedAttempts.deliver(retries, sleeper, channel, idempotencyKey, log, () -> {
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(request.url()))
                        .timeout(timeout)
                        .POST(HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
                request.headers().forEach(b::header);
                HttpResponse<String> response = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                boolean accepted = response.statusCode() / 100 == 2 && botAccepted(channel.kind(), response.body());
                return new RetriedAttempts.Outcome(
                        accepted, response.statusCode(), accepted ? "" : RetriedAttempts.abbreviate(response.body()));
            } catch (IOException | IllegalArgumentException e) {
                return RetriedAttempts.Outcome.failed(e);
            }
        });
    }

    private boolean botAccepted(ChannelKind kind, String body) {
        if (kind == ChannelKind.WEBHOOK) {
            return true;
        }
        try {
            JsonNode n = json.readTree(body);
            JsonNode code = kind == ChannelKind.FEISHU ? n.path("code") : n.path("errcode");
            return code.isMissingNode()
                    ? kind == ChannelKind.FEISHU && n.path("StatusCode").asInt(-1) == 0
                    : code.asInt(-1) == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
