package io.kpipulse.api.metrics;

import java.util.List;

/**
 * The names of the API's own meters, in Micrometer's dotted form and as Prometheus shows them: the list the
 * Grafana dashboard's queries are checked against ({@code deploy/grafana}).
 */
public final class MetricNames {
    /** Timer: {@code kpi_http_server_requests_seconds_{count,sum,bucket,max}}. */
    public static final String HTTP_REQUESTS = "kpi.http.server.requests";
    /** Gauge: {@code kpi_api_sse_streams_open}. */
    public static final String SSE_STREAMS_OPEN = "kpi.api.sse.streams.open";

    /** Counter by channel and outcome: {@code kpi_alert_deliveries_total}. */
    public static final String ALERT_DELIVERIES = "kpi.alert.deliveries";
    /** Timer by channel: {@code kpi_alert_delivery_latency_seconds_{count,sum,bucket,max}}. */
    public static final String ALERT_DELIVERY_LATENCY = "kpi.alert.delivery.latency";

    /** Prometheus series names of the meters above and of the JVM binders used by {@link ApiMetrics}. */
    public static final List<String> PROMETHEUS = List.of(
            "kpi_http_server_requests_seconds_count",
            "kpi_http_server_requests_seconds_sum",
            "kpi_http_server_requests_seconds_bucket",
            "kpi_http_server_requests_seconds_max",
            "kpi_api_sse_streams_open",
            "kpi_alert_deliveries_total",
            "kpi_alert_delivery_latency_seconds_count",
            "kpi_alert_delivery_latency_seconds_sum",
            "kpi_alert_delivery_latency_seconds_bucket",
            "kpi_alert_delivery_latency_seconds_max",
            "jvm_memory_used_bytes",
            "jvm_memory_max_bytes",
            "jvm_threads_live_threads",
            "jvm_gc_pause_seconds_count",
            "jvm_gc_pause_seconds_sum",
            "process_cpu_usage",
            "process_uptime_seconds");

    private MetricNames() {}
}
