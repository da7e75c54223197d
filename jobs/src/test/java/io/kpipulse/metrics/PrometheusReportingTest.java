package io.kpipulse.metrics;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.config.Settings;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.pipeline.IndicatorJob;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.junit.jupiter.api.Test;

/**
 * The engine's configuration turns on Flink's Prometheus reporter, and an operator's metric comes out under the
 * name the Grafana dashboard queries ({@link EngineMetricNames#OPERATOR_PREFIX} + the metric's name).
 */
class PrometheusReportingTest {

    /** Counts what passes, under the name the admission operator uses for accepted events. */
    static final class Counting extends RichMapFunction<Long, Long> {
        private static final long serialVersionUID = 1L;
        private transient Counter counter;

        @Override
        public void open(OpenContext openContext) {
            counter = getRuntimeContext().getMetricGroup().counter(EngineMetricNames.EVENTS_ACCEPTED);
        }

        @Override
        public Long map(Long value) {
            counter.inc();
            return value;
        }
    }

    @Test
    void aRunningJobsOperatorMetricsAreServedUnderTheDashboardsNames() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Configuration conf = IndicatorJob.flinkConfiguration(Settings.of(Map.of(
                EngineOptions.PROMETHEUS_PORT.key(),
                Integer.toString(port),
                EngineOptions.CHECKPOINT_DIR.key(),
                "file:///tmp/kpi-pulse-test/prometheus-reporting")));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.fromSequence(0, Long.MAX_VALUE).map(new Counting()).sinkTo(new DiscardingSink<>());
        JobClient job = env.executeAsync("prometheus-reporting");
        try {
            String expected = EngineMetricNames.OPERATOR_PREFIX + EngineMetricNames.EVENTS_ACCEPTED;
            HttpClient http = HttpClient.newHttpClient();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            String scrape = "";
            while (!scrape.contains(expected) && Instant.now().isBefore(deadline)) {
                try {
                    scrape = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                } catch (java.io.IOException notYetListening) {
                    scrape = "";
                }
                if (!scrape.contains(expected)) {
                    // poll interval: the reporter lists operator metrics once the task is running
                    LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
                }
            }
            assertTrue(scrape.contains(expected), "no " + expected + " in:\n" + scrape);
            assertTrue(scrape.contains("flink_jobmanager_job_lastCheckpointDuration"), "checkpoint metrics too");
        } finally {
            job.cancel().get();
        }
    }

    @Test
    void aPortThatIsNoPortIsRefused() {
        assertThrows(
                IllegalArgumentException.class, () -> PrometheusReporting.configure(new Configuration(), "ninety-two"));
    }
}
