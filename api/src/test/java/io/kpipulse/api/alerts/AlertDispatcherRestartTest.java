package io.kpipulse.api.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.kpipulse.alerts.lifecycle.AlertTransition;
import io.kpipulse.alerts.lifecycle.AlertTransitionJson;
import io.kpipulse.alerts.lifecycle.TransitionKind;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.alerts.delivery.AlertChannel;
import io.kpipulse.api.alerts.delivery.AlertDispatcher;
import io.kpipulse.api.alerts.delivery.ChannelKind;
import io.kpipulse.api.alerts.delivery.ChannelStore;
import io.kpipulse.api.alerts.delivery.DeliveryLog;
import io.kpipulse.api.alerts.delivery.DeliveryMetrics;
import io.kpipulse.api.alerts.delivery.HttpDelivery;
import io.kpipulse.api.alerts.delivery.MailDelivery;
import io.kpipulse.api.alerts.delivery.NotificationRenderer;
import io.kpipulse.api.alerts.delivery.RetrySchedule;
import io.kpipulse.api.alerts.delivery.SilenceStore;
import io.kpipulse.api.alerts.delivery.SmtpSettings;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.catalog.IndicatorCatalog;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dispatcher stopped while its deliveries wait out their back-off (the receiver answers 503), and a new
 * one started in its place, as an API restart does: every transition reaches the receiver exactly once,
 * none is lost; a dispatcher that reads the topic again from the start sends nothing twice.
 */
class AlertDispatcherRestartTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final String TENANT = "t-acme-life";
    private static final IndicatorCatalog CATALOG = CatalogYaml.templateLibrary();

    /** A real HTTP endpoint that refuses with 503 until told to accept, and keeps what it accepted. */
    private static final class Receiver implements AutoCloseable {
        final HttpServer server;
        final List<String> accepted = new CopyOnWriteArrayList<>();
        final List<String> refused = new CopyOnWriteArrayList<>();
        volatile boolean accepting;

        Receiver() throws Exception {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                exchange.getRequestBody().readAllBytes();
                String key = exchange.getRequestHeaders().getFirst("X-KpiPulse-Idempotency-Key");
                (accepting ? accepted : refused).add(key);
                exchange.sendResponseHeaders(accepting ? 204 : 503, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    @Test
    void aRestartWhileDeliveriesRetryLosesNothingAndRepeatsNothing() throws Exception {
        String prefix = KAFKA.uniqueTopic("dispatch") + ".";
        KAFKA.createTopic(prefix + SourceTopics.ALERTS, 1);
        ClickHouseConnector clickHouse = new ClickHouseConnector(
                CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("dispatch"), "default", "", true);
        clickHouse.migrator().migrate();
        try (Receiver receiver = new Receiver();
                KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                        KAFKA.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            new ChannelStore(clickHouse::open)
                    .save(
                            new AlertChannel(
                                    TENANT,
                                    "hook",
                                    ChannelKind.WEBHOOK,
                                    "d-root",
                                    receiver.url(),
                                    "s3cret",
                                    "en",
                                    Severity.INFO),
                            1,
                            false);
            for (AlertTransition t :
                    List.of(transition(1, TransitionKind.FIRING), transition(2, TransitionKind.RESOLVED))) {
                producer.send(new ProducerRecord<>(
                        prefix + SourceTopics.ALERTS,
                        t.idempotencyKey().getBytes(StandardCharsets.UTF_8),
                        AlertTransitionJson.write(t).getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();

            AlertDispatcher first = dispatcher(clickHouse, prefix, "api");
            await("both transitions refused at least twice", () -> receiver.refused.size() >= 4);
            first.close(); // the API stops with both deliveries waiting for their next attempt
            receiver.accepting = true;

            try (AlertDispatcher second = dispatcher(clickHouse, prefix, "api")) {
                await("both transitions delivered", () -> receiver.accepted.size() >= 2);
                TimeUnit.SECONDS.sleep(2);
            }
            assertEquals(
                    List.of(TENANT + "|rating-low|e1|1", TENANT + "|rating-low|e1|2"),
                    receiver.accepted.stream().sorted().toList());

            // The topic read again from its start (offsets lost, a new group): the log says delivered.
            try (AlertDispatcher again = dispatcher(clickHouse, prefix, "api-fresh-group")) {
                await(
                        "the fresh group's read of both records",
                        () -> count(clickHouse, "SELECT count() FROM alert_deliveries WHERE status = 'DELIVERED'")
                                == 2);
                TimeUnit.SECONDS.sleep(3);
            }
            assertEquals(2, receiver.accepted.size(), "sent twice: " + receiver.accepted);
            assertEquals(2, count(clickHouse, "SELECT count() FROM alert_deliveries WHERE status = 'DELIVERED'"));
        }
    }

    private static AlertDispatcher dispatcher(ClickHouseConnector clickHouse, String prefix, String group) {
        return AlertDispatcher.start(
                KAFKA.bootstrapServers(),
                java.util.Map.of(),
                prefix,
                prefix + group,
                new ChannelStore(clickHouse::open),
                new SilenceStore(clickHouse::open),
                new DeliveryLog(clickHouse::open),
                new NotificationRenderer(() -> CATALOG, "http://127.0.0.1:8080"),
                new HttpDelivery(
                        new RetrySchedule(20, Duration.ofMillis(300), Duration.ofSeconds(1)),
                        Duration.ofSeconds(5),
                        d -> Thread.sleep(d.toMillis())),
                new MailDelivery(SmtpSettings.off(), new RetrySchedule(1, Duration.ZERO, Duration.ZERO), d -> {}),
                t -> {},
                new DeliveryMetrics(),
                Clock.systemUTC());
    }

    private static AlertTransition transition(long sequence, TransitionKind kind) {
        long now = System.currentTimeMillis();
        return new AlertTransition(
                TENANT,
                "rating-low",
                1,
                "e1",
                sequence,
                kind,
                Severity.WARNING,
                "manager_rating",
                "MONTH_TO_DATE",
                LocalDate.of(2026, 12, 1),
                LocalDate.of(2026, 12, 31),
                "EMPLOYEE",
                "e1",
                List.of("d-sales", "d-root"),
                new BigDecimal(kind == TransitionKind.FIRING ? "55" : "75"),
                new BigDecimal(kind == TransitionKind.FIRING ? "55" : "75"),
                new BigDecimal("60"),
                null,
                null,
                kind == TransitionKind.FIRING ? 1 : 0,
                now,
                now);
    }

    private static long count(ClickHouseConnector clickHouse, String sql) throws Exception {
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}
