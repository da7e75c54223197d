package io.kpipulse.opschecks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.metrics.MetricNames;
import io.kpipulse.metrics.EngineMetricNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** deploy/grafana/kpi-pulse.json parses, and every series a panel queries is one the code or Flink registers. */
class GrafanaDashboardTest {
    private static final JsonNode DASHBOARD = Files.json(Files.DEPLOY.resolve("grafana/kpi-pulse.json"));
    private static final Pattern SERIES = Pattern.compile("\\b((?:flink|kpi|jvm|process)_[A-Za-z0-9_]+)");

    /**
     * Series Flink itself registers (its metrics documentation, "System metrics" and the Kafka connector's
     * "Monitoring"): checkpoints and restarts on the job, records and pending records on the source operator.
     */
    private static final Set<String> FLINK = Set.of(
            "flink_jobmanager_job_lastCheckpointDuration",
            "flink_jobmanager_job_lastCheckpointSize",
            "flink_jobmanager_job_lastCheckpointFullSize",
            "flink_jobmanager_job_numberOfFailedCheckpoints",
            "flink_jobmanager_job_numRestarts",
            EngineMetricNames.OPERATOR_PREFIX + "numRecordsIn",
            EngineMetricNames.OPERATOR_PREFIX + "pendingRecords",
            EngineMetricNames.OPERATOR_PREFIX + "KafkaSourceReader_KafkaConsumer_records_lag_max");

    @Test
    void everyPanelQueriesOnlySeriesThatAreRegistered() {
        Set<String> known = new HashSet<>(FLINK);
        known.addAll(EngineMetricNames.PROMETHEUS);
        known.addAll(MetricNames.PROMETHEUS);
        List<String> wrong = new ArrayList<>();
        int queries = 0;
        for (JsonNode panel : DASHBOARD.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries++;
                Matcher m = SERIES.matcher(target.path("expr").asText());
                boolean any = false;
                while (m.find()) {
                    any = true;
                    String series = m.group(1);
                    if (!known.contains(series)) {
                        wrong.add(panel.path("title").asText() + ": " + series + " is registered by nothing");
                    }
                }
                if (!any) {
                    wrong.add(panel.path("title").asText() + ": a query without a series: " + target.path("expr"));
                }
            }
        }
        assertTrue(queries > 20, "the dashboard has its queries");
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void theDashboardCoversWhatAnOperatorWatches() {
        List<String> panelTitles = new ArrayList<>();
        DASHBOARD.path("panels").forEach(p -> panelTitles.add(p.path("title").asText()));
        String titles = panelTitles.toString().toLowerCase(Locale.ROOT);
        for (String topic : List.of(
                "throughput",
                "consumer lag",
                "checkpoint duration",
                "checkpoint size",
                "sink retries",
                "dead letters",
                "alert deliveries",
                "freshness")) {
            assertTrue(titles.contains(topic), "no panel on " + topic + " in " + titles);
        }
        assertEquals("kpi-pulse-ops", DASHBOARD.path("uid").asText());
    }
}
