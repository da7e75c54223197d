package io.kpipulse.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.api.alerts.delivery.Signatures;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Real events through the real engine (Kafka → Flink MiniCluster → kpi.alerts) and the real dispatcher to
 * a real HTTP receiver ({@link AlertRig}). A manager rating drops under the line: exactly one signed FIRING
 * call within 5 s; the rating then hovers around the line: no call; it recovers past the resolve line:
 * exactly one RESOLVED; back above the firing line after that: nothing.
 *
 * <p>Restores from a checkpoint older than delivered alerts: {@link AlertRestartEndToEndTest}.
 */
class AlertWebhookEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void oneSignedFiringNothingWhileHoveringOneResolution() throws Exception {
        try (AlertRig rig = new AlertRig(KAFKA, CLICKHOUSE)) {
            JobClient first = rig.startJob(null);
            rig.send(rig.rating(80));
            rig.awaitTicking( // the job may start slower than live-lag: see AlertRig.awaitTicking
                    "the first rating",
                    () -> rig.rows("SELECT count() FROM indicator_values WHERE indicator_id = 'manager_rating'"
                                    + " AND subject_id = 'e1'")
                            > 0);

            long sent = System.currentTimeMillis();
            rig.send(rig.rating(55));
            rig.await("the FIRING call", () -> rig.calls().size() == 1);
            WebhookReceiver.Call firing = rig.calls().get(0);
            long latency = firing.receivedAtMillis() - sent;
            assertTrue(latency < 5_000, "FIRING arrived after " + latency + " ms");
            assertSigned(firing);
            JsonNode alert = json.readTree(firing.body()).path("alert");
            assertEquals("FIRING", alert.path("kind").asText());
            assertEquals(
                    0,
                    new BigDecimal("55")
                            .compareTo(new BigDecimal(alert.path("value").asText())));
            assertEquals(
                    0,
                    new BigDecimal("60")
                            .compareTo(new BigDecimal(alert.path("threshold").asText())));
            assertEquals(AlertRig.TENANT + "|rating-low|e1|1", firing.idempotencyKey());
            assertTrue(json.readTree(firing.body())
                    .path("notification")
                    .path("link")
                    .asText()
                    .endsWith("/tenants/" + AlertRig.TENANT + "/employees/e1"));

            try {
                for (int hover : new int[] {61, 59, 62, 58, 60, 65}) {
                    rig.send(rig.rating(hover));
                    TimeUnit.MILLISECONDS.sleep(300);
                }
                TimeUnit.SECONDS.sleep(2);
                assertEquals(1, rig.calls().size(), "hovering between 60 and 70 sent " + rig.calls());
                rig.send(rig.rating(75));
                rig.await("the RESOLVED call", () -> rig.calls().size() == 2);
                WebhookReceiver.Call resolved = rig.calls().get(1);
                assertSigned(resolved);
                assertEquals(
                        "RESOLVED",
                        json.readTree(resolved.body())
                                .path("alert")
                                .path("kind")
                                .asText());
                assertEquals(AlertRig.TENANT + "|rating-low|e1|2", resolved.idempotencyKey());
                rig.send(rig.rating(68)); // above the firing line again after the resolution: nothing
                TimeUnit.SECONDS.sleep(2);
                assertEquals(2, rig.calls().size());
                assertEquals(2, rig.rows("SELECT count() FROM alert_events FINAL WHERE rule_id = 'rating-low'"));
                assertEquals(2, rig.rows("SELECT count() FROM alert_deliveries WHERE status = 'DELIVERED'"));
            } finally {
                first.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertSigned(WebhookReceiver.Call call) {
        long ts = Long.parseLong(call.timestamp());
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - ts) < 60, "timestamp " + ts);
        assertTrue(call.signature().matches("sha256=[0-9a-f]{64}"), call.signature());
        assertEquals(Signatures.webhook(AlertRig.SECRET, ts, call.body()), call.signature());
    }
}
