package io.kpipulse.api.alerts;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.alerts.delivery.ChannelKind;
import io.kpipulse.api.alerts.delivery.DeliveryMetrics;
import io.kpipulse.api.alerts.delivery.DeliveryStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Delivery outcomes and latency reach the app's Prometheus scrape under the names the dashboard queries. */
class DeliveryMetricsTest {

    @Test
    void outcomesCountedBeforeTheRegistryBindsAreScrapedWithTheirChannelAndOutcome() {
        DeliveryMetrics metrics = new DeliveryMetrics();
        metrics.outcome(ChannelKind.WEBHOOK, DeliveryStatus.RETRYING); // the dispatcher starts before the app
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.bindTo(registry);
        metrics.outcome(ChannelKind.WEBHOOK, DeliveryStatus.DELIVERED);
        metrics.outcome(ChannelKind.WEBHOOK, DeliveryStatus.DELIVERED);
        metrics.delivered(ChannelKind.WEBHOOK, Duration.ofMillis(700));
        String scrape = registry.scrape();
        assertTrue(
                scrape.contains("kpi_alert_deliveries_total{channel=\"WEBHOOK\",outcome=\"DELIVERED\"} 2.0"), scrape);
        assertTrue(scrape.contains("kpi_alert_deliveries_total{channel=\"WEBHOOK\",outcome=\"RETRYING\"} 1.0"), scrape);
        assertTrue(scrape.contains("kpi_alert_delivery_latency_seconds_count{channel=\"WEBHOOK\"} 1"), scrape);
        // 0.7 s falls in the 1 s bucket, not the 0.5 s one
        assertTrue(
                scrape.contains("kpi_alert_delivery_latency_seconds_bucket{channel=\"WEBHOOK\",le=\"0.5\"} 0"), scrape);
        assertTrue(
                scrape.contains("kpi_alert_delivery_latency_seconds_bucket{channel=\"WEBHOOK\",le=\"1.0\"} 1"), scrape);
    }
}
