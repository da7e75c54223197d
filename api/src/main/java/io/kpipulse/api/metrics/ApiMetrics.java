package io.kpipulse.api.metrics;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.kpipulse.api.live.LiveHub;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;

/**
 * The API's metrics in Prometheus' text format, served at {@code GET /metrics}: HTTP requests timed by route
 * template (never the raw path: tenant and subject ids in paths would make one series per employee), JVM
 * memory, GC, threads, class loading, CPU and uptime, and the server-sent-event streams open now.
 *
 * <p>One registry per app, no global registry: two apps in one JVM (tests) never mix their counts. Names are
 * the ones {@link MetricNames} lists, which the Grafana dashboard is checked against.
 */
public final class ApiMetrics implements AutoCloseable {
    /** Route tag of a request that matched no endpoint (404s from unknown paths): one series, not one a path. */
    static final String UNMATCHED = "UNMATCHED";

    private static final String STARTED = ApiMetrics.class.getName() + ".started";

    private final PrometheusMeterRegistry registry;
    private final JvmGcMetrics gc;

    private ApiMetrics(PrometheusMeterRegistry registry, JvmGcMetrics gc) {
        this.registry = registry;
        this.gc = gc;
    }

    /** @param more the meters of other components (alert deliveries), bound to this app's registry */
    public static ApiMetrics create(LiveHub live, MeterBinder... more) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(registry);
        Gauge.builder(MetricNames.SSE_STREAMS_OPEN, live, LiveHub::clients)
                .description("Server-sent-event streams open now, all tenants")
                .register(registry);
        for (MeterBinder m : more) {
            m.bindTo(registry);
        }
        return new ApiMetrics(registry, gc);
    }

    /** Times every request from the first before-handler to the last after-handler, tagged by route template. */
    public void install(Javalin app) {
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(this::record);
    }

    /** One timer's tags. */
    private record TimerKey(HandlerType method, String route, int status) {}

    /**
     * Timers already registered: building and registering one per request (tags, id, the registry's lookup) was
     * garbage on every request; the set of keys is bounded by routes × methods × statuses.
     */
    private final java.util.concurrent.ConcurrentMap<TimerKey, Timer> timers =
            new java.util.concurrent.ConcurrentHashMap<>();

    private void record(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        timers.computeIfAbsent(new TimerKey(ctx.method(), route(ctx), ctx.statusCode()), this::timer)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(TimerKey key) {
        return Timer.builder(MetricNames.HTTP_REQUESTS)
                .description("HTTP requests by method, route template and status")
                .tag("method", key.method().name())
                .tag("route", key.route())
                .tag("status", Integer.toString(key.status()))
                .serviceLevelObjectives(
                        Duration.ofMillis(5),
                        Duration.ofMillis(10),
                        Duration.ofMillis(25),
                        Duration.ofMillis(50),
                        Duration.ofMillis(100),
                        Duration.ofMillis(250),
                        Duration.ofSeconds(1))
                .register(registry);
    }

    static String route(Context ctx) {
        // Javalin names a request no endpoint matched with a sentence instead of a path template.
        String template = ctx.endpointHandlerPath();
        if (template == null || !template.startsWith("/") || ctx.method() == HandlerType.INVALID) {
            return UNMATCHED;
        }
        return template;
    }

    /** {@code GET /metrics}: the scrape. */
    public void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
