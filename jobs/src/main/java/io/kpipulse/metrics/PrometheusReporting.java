package io.kpipulse.metrics;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;

/**
 * Turns on Flink's Prometheus reporter ({@code flink-metrics-prometheus}) for an in-process engine: every
 * metric of the job — Flink's own (checkpoints, records in/out, Kafka source lag) and the engine's
 * ({@link EngineMetricNames}) — served in Prometheus' text format on the given port. A cluster configures the
 * same two keys in its own Flink configuration, where the reporter is a plugin.
 */
public final class PrometheusReporting {
    /** The reporter's name in the configuration keys {@code metrics.reporter.prom.*}. */
    public static final String REPORTER = "prom";

    public static final String FACTORY = "org.apache.flink.metrics.prometheus.PrometheusReporterFactory";

    private PrometheusReporting() {}

    private static ConfigOption<String> key(String suffix) {
        return ConfigOptions.key("metrics.reporter." + REPORTER + "." + suffix)
                .stringType()
                .noDefaultValue();
    }

    /** @param port a port or a range such as {@code 9249-9259}; blank leaves the reporter off */
    public static void configure(Configuration conf, String port) {
        if (port == null || port.isBlank()) {
            return;
        }
        if (!port.strip().matches("\\d{1,5}(-\\d{1,5})?")) {
            throw new IllegalArgumentException(
                    "kpi.engine.metrics.prometheus-port: expected a port or a range like 9249-9259, got '" + port
                            + "'");
        }
        conf.set(key("factory.class"), FACTORY);
        conf.set(key("port"), port.strip());
    }
}
