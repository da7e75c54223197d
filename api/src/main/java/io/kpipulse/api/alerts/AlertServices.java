package io.kpipulse.api.alerts;

import io.kpipulse.api.alerts.delivery.ChannelStore;
import io.kpipulse.api.alerts.delivery.DeliveryLog;
import io.kpipulse.api.alerts.delivery.DeliveryMetrics;
import io.kpipulse.api.alerts.delivery.SilenceStore;
import io.kpipulse.read.sql.Connections;

/** The stores and the rule publication the alert routes use. */
public record AlertServices(
        AlertRuleStore rules,
        RulePublication publication,
        AlertEventsReader events,
        SilenceStore silences,
        ChannelStore channels,
        DeliveryLog deliveries,
        DeliveryMetrics deliveryMetrics,
        AlertStream stream) {

    public static AlertServices over(Connections connections, RulePublication publication, AlertStream stream) {
        return new AlertServices(
                new AlertRuleStore(connections),
                publication,
                new AlertEventsReader(connections),
                new SilenceStore(connections),
                new ChannelStore(connections),
                new DeliveryLog(connections),
                new DeliveryMetrics(),
                stream);
    }
}
