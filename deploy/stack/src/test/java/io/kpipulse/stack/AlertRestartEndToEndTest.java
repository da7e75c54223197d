package io.kpipulse.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.pipeline.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine killed and restored from a checkpoint taken before an alert that was already delivered
 * ({@link AlertRig}: real Kafka, Flink MiniCluster, ClickHouse, dispatcher and webhook receiver). The
 * replay shows the engine's coalesced values, not the ones the first run saw, so only the published history
 * the evaluator adopts on start ({@code AlertHistory}) keeps the deliveries right: the RESOLVED that came
 * due while the job was down is sent once, a second restore from the same old checkpoint re-sends and
 * re-fires nothing, and the next FIRING takes the next idempotency key instead of one already used.
 *
 * <p>The recovery is sent while the job is down. The first run's FIRING was made while the live watermark
 * ran seconds ahead of the events; the RESOLVED comes from the replayed recovery row itself because published
 * clocks are the events' time, never that watermark. The waits keep event time moving with another
 * employee's ratings ({@link AlertRig#awaitTicking}): the engine releases an event only once the watermark
 * passes it, and after a slow restore with no further input the watermark stays short of the newest event.
 */
class AlertRestartEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void restoresFromACheckpointOlderThanDeliveredAlertsDeliverEachTransitionExactlyOnce() throws Exception {
        try (AlertRig rig = new AlertRig(KAFKA, CLICKHOUSE)) {
            JobClient first = rig.startJob(null);
            rig.send(rig.rating(80));
            rig.awaitTicking("the first rating", () -> newestRating(rig) == 80);
            Path beforeTheFiring = checkpointAfter(rig, System.currentTimeMillis());
            rig.send(rig.rating(55));
            rig.awaitTicking("the FIRING call", () -> rig.calls().size() == 1);
            first.cancel().get(60, TimeUnit.SECONDS);

            rig.send(rig.rating(75)); // recovers while the job is down
            JobClient second = rig.startJob(beforeTheFiring);
            try {
                rig.awaitTicking("the RESOLVED call", () -> rig.calls().size() == 2);
                rig.awaitTicking("the replay", () -> newestRating(rig) == 75);
                TimeUnit.SECONDS.sleep(2);
            } finally {
                second.cancel().get(60, TimeUnit.SECONDS);
            }
            assertEquals(List.of("FIRING|1", "RESOLVED|2"), calls(rig));

            JobClient third = rig.startJob(beforeTheFiring); // older than both delivered transitions
            try {
                rig.send(rig.rating(68)); // between the lines after the resolution: nothing
                rig.awaitTicking("the replay and the new rating", () -> newestRating(rig) == 68);
                TimeUnit.SECONDS.sleep(2);
                assertEquals(List.of("FIRING|1", "RESOLVED|2"), calls(rig));
                rig.send(rig.rating(50));
                rig.awaitTicking("the second FIRING call", () -> rig.calls().size() == 3);
                TimeUnit.SECONDS.sleep(2);
            } finally {
                third.cancel().get(60, TimeUnit.SECONDS);
            }
            assertEquals(List.of("FIRING|1", "RESOLVED|2", "FIRING|3"), calls(rig));
            assertEquals(3, rig.rows("SELECT count() FROM alert_events FINAL WHERE rule_id = 'rating-low'"));
            assertEquals(3, rig.rows("SELECT count() FROM alert_deliveries WHERE status = 'DELIVERED'"));
        }
    }

    /** Each call as kind|sequence, the sequence read from its idempotency key. */
    private List<String> calls(AlertRig rig) throws Exception {
        List<String> out = new java.util.ArrayList<>();
        for (WebhookReceiver.Call c : rig.calls()) {
            String kind = json.readTree(c.body()).path("alert").path("kind").asText();
            out.add(kind + "|" + c.idempotencyKey().substring(c.idempotencyKey().lastIndexOf('|') + 1));
        }
        return out;
    }

    private static long newestRating(AlertRig rig) throws Exception {
        return rig.rows("SELECT toInt64(ifNull(argMax(value, version), -1)) FROM indicator_values"
                + " WHERE indicator_id = 'manager_rating' AND subject_id = 'e1' AND window_type = 'MONTH_TO_DATE'");
    }

    /** The first completed checkpoint whose metadata was written after {@code millis}. */
    private static Path checkpointAfter(AlertRig rig, long millis) throws Exception {
        Path[] found = new Path[1];
        rig.awaitTicking("a checkpoint after " + millis, () -> {
            Optional<Path> latest = Checkpoints.latest(rig.checkpoints);
            if (latest.isPresent()
                    && Files.getLastModifiedTime(latest.get().resolve("_metadata"))
                                    .toMillis()
                            > millis) {
                found[0] = latest.get();
                return true;
            }
            return false;
        });
        return found[0];
    }
}
