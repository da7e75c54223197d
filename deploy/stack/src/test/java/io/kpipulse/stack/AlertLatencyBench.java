package io.kpipulse.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The alert benchmark's driver (run by deploy/bench/alert-bench.sh, not by the build: its name is no
 * *Test): the real engine and dispatcher as in {@link AlertWebhookEndToEndTest}; {@code kpi.bench.crossings}
 * times (default 40) a manager rating crosses the line (55 fires, 75 resolves) and the time from sending the
 * crossing event to the webhook call is measured. Prints and appends p50 / p90 / p99 / max.
 */
class AlertLatencyBench {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void eventCrossingTheLineToWebhookCall() throws Exception {
        int crossings = Integer.getInteger("kpi.bench.crossings", 40);
        try (AlertRig rig = new AlertRig(KAFKA, CLICKHOUSE)) {
            var job = rig.startJob(null);
            try {
                rig.send(rig.rating(80));
                TimeUnit.SECONDS.sleep(3); // the engine has the employee and the first value
                List<Long> latencies = new ArrayList<>();
                for (int i = 0; i < crossings; i++) {
                    int before = rig.calls().size();
                    long sent = System.currentTimeMillis();
                    rig.send(rig.rating(i % 2 == 0 ? 55 : 75));
                    rig.await("call " + (before + 1), () -> rig.calls().size() > before);
                    latencies.add(rig.calls().get(before).receivedAtMillis() - sent);
                    TimeUnit.MILLISECONDS.sleep(300);
                }
                assertEquals(crossings, rig.calls().size(), "one call per crossing, no duplicate");
                Collections.sort(latencies);
                String line = String.format(
                        Locale.ROOT,
                        "alert latency, event crossing the line → webhook call, %d crossings: p50 %d ms, p90 %d ms,"
                                + " p99 %d ms, max %d ms",
                        crossings,
                        pct(latencies, 50),
                        pct(latencies, 90),
                        pct(latencies, 99),
                        latencies.get(latencies.size() - 1));
                System.out.println(line);
                Files.writeString(Path.of("target", "alert-bench.txt"), line + System.lineSeparator());
            } finally {
                job.cancel().get(30, TimeUnit.SECONDS);
            }
        }
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(i, sorted.size() - 1)));
    }
}
