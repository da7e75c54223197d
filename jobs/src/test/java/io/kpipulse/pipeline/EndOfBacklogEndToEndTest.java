package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.testing.EngineRig;
import io.kpipulse.testing.SharedMiniCluster;
import io.kpipulse.testing.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The end of a backlog is published without a further event. Events sent as they happened (record timestamp =
 * event time) while the engine was down, the newest two minutes old when the job starts: reading them takes
 * longer than the live lag, so no partition counts as live and the watermark does not follow the wall clock.
 * Until the source declared a partition read to its end idle with its watermark at its newest event time, the
 * watermark stayed out-of-orderness (1 s) short of the newest events, and the three sales below, all within that
 * second, waited for the next event on the topics: the agent's DAY value showed nothing.
 */
class EndOfBacklogEndToEndTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    private static final String T = "t-acme-life";
    private static final Duration DEADLINE = Duration.ofMinutes(3);

    @Test
    void theNewestEventsOfABacklogArePublishedWithNoFurtherEvent() throws Exception {
        EngineRig rig = EngineRig.create(KAFKA, CLICKHOUSE, "backlog", 2, 1, Duration.ofSeconds(1));

        // Two minutes ago (within the horizon, beyond the live lag), to the millisecond, in the tenant's zone.
        // Sent as it happened: the backlog waited in Kafka, not at the producer.
        Instant sale = Instant.now().minus(Duration.ofMinutes(2)).truncatedTo(ChronoUnit.MILLIS);
        TestEvents e = new TestEvents(T);
        rig.sendAsTheyHappened(List.of(
                e.department("d-sales", null, local(sale.minusSeconds(60))),
                e.hire("e-1", "d-sales", local(sale.minusSeconds(60))),
                e.policy("e-1", "d-sales", local(sale), "100.00", true),
                e.policy("e-1", "d-sales", local(sale.plusMillis(400)), "100.00", true),
                e.policy("e-1", "d-sales", local(sale.plusMillis(800)), "100.00", true)));

        JobClient job = rig.start();
        try {
            ClickHouseConnector clickHouse = rig.clickHouse();
            String sql = "SELECT toString(sum(event_count)) FROM indicator_values FINAL"
                    + " WHERE indicator_id = 'policies_issued' AND window_type = 'DAY'"
                    + " AND subject_type = 'EMPLOYEE' AND subject_id = 'e-1'";
            EngineRig.await(
                    "the agent's three sales on their DAY value",
                    DEADLINE,
                    () -> EngineRig.text(clickHouse, sql).equals("3"));
            assertEquals(
                    "1",
                    EngineRig.text(
                            clickHouse,
                            "SELECT toString(sum(value) = 300) FROM indicator_values FINAL"
                                    + " WHERE indicator_id = 'new_policy_premium' AND window_type = 'DAY'"
                                    + " AND subject_type = 'EMPLOYEE' AND subject_id = 'e-1'"),
                    "their premium, 3 × 100.00");
        } finally {
            job.cancel().get(30, TimeUnit.SECONDS);
        }
    }

    private static String local(Instant instant) {
        return LocalDateTime.ofInstant(instant, TestEvents.ZONE).toString();
    }
}
