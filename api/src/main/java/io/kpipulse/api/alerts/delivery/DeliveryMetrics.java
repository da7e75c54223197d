package io.kpipulse.api.alerts.delivery;

import io.kpipulse.api.metrics.MetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts delivery outcomes by channel kind and times accepted deliveries from the job's emitting the
 * transition to the channel's acceptance (dispatcher lag, rendering, retries and the receiver's answer).
 * The dispatcher starts before the app's {@code /metrics} registry exists, so outcomes are counted here from
 * the start and the registry reads them ({@link FunctionCounter}) once it binds; every channel × outcome
 * series and every channel's timer exist from then on, at zero until something happens.
 */
public final class DeliveryMetrics implements MeterBinder {

    private final Map<ChannelKind, Map<DeliveryStatus, LongAdder>> outcomes = new EnumMap<>(ChannelKind.class);
    private volatile Map<ChannelKind, Timer> latency = Map.of();

    public DeliveryMetrics() {
        for (ChannelKind kind : ChannelKind.values()) {
            Map<DeliveryStatus, LongAdder> byStatus = new EnumMap<>(DeliveryStatus.class);
            for (DeliveryStatus status : DeliveryStatus.values()) {
                byStatus.put(status, new LongAdder());
            }
            outcomes.put(kind, byStatus);
        }
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Map<ChannelKind, Timer> timers = new EnumMap<>(ChannelKind.class);
        outcomes.forEach((kind, byStatus) -> {
            byStatus.forEach((status, count) -> FunctionCounter.builder(
                            MetricNames.ALERT_DELIVERIES, count, LongAdder::doubleValue)
                    .description("Alert delivery outcomes by channel kind: DELIVERED, RETRYING, FAILED, SILENCED")
                    .tag("channel", kind.name())
                    .tag("outcome", status.name())
                    .register(registry));
            timers.put(
                    kind,
                    Timer.builder(MetricNames.ALERT_DELIVERY_LATENCY)
                            .description("From the job emitting an alert transition to a channel accepting it")
                            .tag("channel", kind.name())
                            .serviceLevelObjectives(
                                    Duration.ofMillis(250),
                                    Duration.ofMillis(500),
                                    Duration.ofSeconds(1),
                                    Duration.ofSeconds(2),
                                    Duration.ofSeconds(5),
                                    Duration.ofSeconds(30))
                            .register(registry));
        });
        latency = timers;
    }

    /** One attempt's (or a silence's) outcome. */
    public void outcome(ChannelKind channel, DeliveryStatus status) {
        outcomes.get(channel).get(status).increment();
    }

    /**
     * An accepted delivery, {@code latency} after the job emitted its transition. Before the registry binds
     * (the first milliseconds of the process) there is no timer to record it in.
     */
    public void delivered(ChannelKind channel, Duration took) {
        Timer timer = latency.get(channel);
        if (timer != null) {
            timer.record(took.isNegative() ? Duration.ZERO : took);
        }
    }
}
