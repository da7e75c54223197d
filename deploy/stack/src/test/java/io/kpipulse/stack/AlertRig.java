package io.kpipulse.stack;

import io.kpipulse.alerts.rules.AlertCondition;
import io.kpipulse.alerts.rules.AlertRule;
import io.kpipulse.alerts.rules.Grouping;
import io.kpipulse.alerts.rules.Severity;
import io.kpipulse.api.alerts.AlertRulePublisher;
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
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.feedback.ManagerRated;
import io.kpipulse.events.org.DepartmentCreated;
import io.kpipulse.events.org.DepartmentFunction;
import io.kpipulse.events.org.DepartmentType;
import io.kpipulse.events.org.EmployeeHired;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.pipeline.EngineOptions;
import io.kpipulse.pipeline.IndicatorJob;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The whole alert path on real components: topics on the test broker, a fresh ClickHouse database, the
 * engine job on a MiniCluster, the dispatcher, a webhook receiver, one WEBHOOK channel for the tenant's
 * root and one rule — manager rating of the employees below 60, resolving at 70 — and an employee e1 of
 * d-sales under d-root whose manager m1 rates them.
 */
final class AlertRig implements AutoCloseable {

    static final String TENANT = "t-acme-life";
    static final String SECRET = "whsec-test";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** An employee of d-sales whose ratings only keep event time moving ({@link #awaitTicking}). */
    static final String TICKER = "e-ticker";

    final String prefix;
    final Path checkpoints;
    final Settings settings;
    final ClickHouseConnector clickHouse;
    final WebhookReceiver receiver;
    private final KafkaExtension kafka;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AlertDispatcher dispatcher;
    private long eventTime;
    private int sequence;

    AlertRig(KafkaExtension kafka, ClickHouseExtension clickHouseServer) throws Exception {
        this.kafka = kafka;
        prefix = kafka.uniqueTopic("alerts") + ".";
        for (String t : SourceTopics.eventTopics()) {
            kafka.createTopic(prefix + t, 2);
        }
        kafka.createCompactedTopic(prefix + SourceTopics.CONTROL, 1);
        kafka.createTopic(prefix + SourceTopics.ALERTS, 1);
        kafka.createTopic(prefix + SourceTopics.DEAD_LETTERS, 1);
        checkpoints = Files.createTempDirectory("kpi-alert-e2e");
        settings = Settings.of(Map.of(
                EngineOptions.BOOTSTRAP_SERVERS.key(),
                kafka.bootstrapServers(),
                EngineOptions.TOPIC_PREFIX.key(),
                prefix,
                EngineOptions.GROUP_ID.key(),
                prefix + "engine",
                EngineOptions.CHECKPOINT_INTERVAL.key(),
                "500ms",
                EngineOptions.CHECKPOINT_DIR.key(),
                checkpoints.toUri().toString(),
                EngineOptions.FLUSH_INTERVAL.key(),
                "100ms",
                EngineOptions.PARALLELISM.key(),
                "1",
                ClickHouseOptions.URL.key(),
                clickHouseServer.jdbcUrl(),
                ClickHouseOptions.DATABASE.key(),
                clickHouseServer.freshDatabase("alerts")));
        clickHouse = ClickHouseConnector.from(settings);
        clickHouse.migrator().migrate();
        producer =
                new KafkaProducer<>(kafka.producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        receiver = new WebhookReceiver();
        new ChannelStore(clickHouse::open)
                .save(
                        new AlertChannel(
                                TENANT,
                                "hook",
                                ChannelKind.WEBHOOK,
                                "d-root",
                                receiver.url(),
                                SECRET,
                                "en",
                                Severity.INFO),
                        1,
                        false);
        try (AlertRulePublisher rules = new AlertRulePublisher(kafka.bootstrapServers(), java.util.Map.of(), prefix)) {
            rules.publish(new AlertRule(
                    TENANT,
                    "rating-low",
                    1,
                    "manager rating below 60",
                    "manager_rating",
                    WindowType.MONTH_TO_DATE,
                    SubjectType.EMPLOYEE,
                    "d-root",
                    AlertCondition.below("60").resolvingAt("70"),
                    Severity.WARNING,
                    0,
                    0,
                    Grouping.SUBJECT,
                    "u-head",
                    true));
        }
        IndicatorCatalog catalog = CatalogYaml.parse(CatalogYaml.templateLibraryText());
        dispatcher = AlertDispatcher.start(
                kafka.bootstrapServers(),
                java.util.Map.of(),
                prefix,
                prefix + "dispatcher",
                new ChannelStore(clickHouse::open),
                new SilenceStore(clickHouse::open),
                new DeliveryLog(clickHouse::open),
                new NotificationRenderer(() -> catalog, "http://localhost:8080"),
                new HttpDelivery(
                        new RetrySchedule(5, Duration.ofMillis(200), Duration.ofSeconds(2)),
                        Duration.ofSeconds(5),
                        d -> Thread.sleep(d.toMillis())),
                new MailDelivery(SmtpSettings.off(), new RetrySchedule(1, Duration.ZERO, Duration.ZERO), d -> {}),
                t -> {},
                new DeliveryMetrics(),
                Clock.systemUTC());
        send(department("d-root", null));
        send(department("d-sales", "d-root"));
        send(hire("m1"));
        send(hire("e1"));
        send(hire(TICKER));
    }

    JobClient startJob(Path restoreFrom) throws Exception {
        Configuration conf = IndicatorJob.flinkConfiguration(settings);
        conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 100);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        return env.executeAsync(IndicatorJob.wire(env, settings));
    }

    List<WebhookReceiver.Call> calls() {
        return List.copyOf(receiver.calls);
    }

    long alertRecords() {
        return kafka.readAll(prefix + SourceTopics.ALERTS, Duration.ofSeconds(1))
                .size();
    }

    long rows(String sql) throws Exception {
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void await(String what, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.call()) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /**
     * As {@link #await}, sending {@link #TICKER}'s rating (80: never an alert) every second meanwhile. The
     * engine's admission releases an event only once the watermark passes it, and with the input stopped
     * the watermark can stay just short of the newest event for good: a partition read more than live-lag
     * after its newest event never moves with the wall clock, and idles soon after (a restore that takes
     * a few seconds on a loaded machine is enough). In production other events keep coming; here these do.
     */
    void awaitTicking(String what, Callable<Boolean> condition) throws Exception {
        long[] next = {0};
        await(what, () -> {
            if (System.currentTimeMillis() >= next[0]) {
                send(rating(TICKER, 80));
                next[0] = System.currentTimeMillis() + 1_000;
            }
            return condition.call();
        });
    }

    void send(SpecificRecord event) {
        producer.send(new ProducerRecord<>(
                prefix + EventTypes.of(event.getClass()).topic(),
                EventKeys.keyOf(event),
                EventCodec.standard().encode(event)));
        producer.flush();
    }

    ManagerRated rating(int rating) {
        return rating("e1", rating);
    }

    private ManagerRated rating(String employee, int rating) {
        return ManagerRated.newBuilder()
                .setHeader(header(SourceSystem.FEEDBACK, employee, "d-sales"))
                .setEmployeeId(employee)
                .setManagerId("m1")
                .setPeriod(Instant.ofEpochMilli(eventTime)
                        .atZone(ZONE)
                        .toLocalDate()
                        .toString()
                        .substring(0, 7))
                .setRating(rating)
                .setComment(null)
                .build();
    }

    /** Event times a few seconds old and strictly increasing: live, neither late nor held back. */
    private EventHeader header(SourceSystem system, String employee, String department) {
        eventTime = Math.max(eventTime + 1, System.currentTimeMillis() - 5_000);
        return EventHeader.newBuilder()
                .setTenantId(TENANT)
                .setEventId(UUID.nameUUIDFromBytes((prefix + (++sequence)).getBytes(StandardCharsets.UTF_8)))
                .setEventTime(Instant.ofEpochMilli(eventTime))
                .setSourceSystem(system)
                .setEmployeeId(employee)
                .setDepartmentId(department)
                .setSchemaVersion(1)
                .build();
    }

    private DepartmentCreated department(String id, String parent) {
        return DepartmentCreated.newBuilder()
                .setHeader(header(SourceSystem.ORG, null, id))
                .setDepartmentId(id)
                .setName(id)
                .setParentDepartmentId(parent)
                .setDepartmentType(DepartmentType.FRONT_LINE)
                .setFunction(DepartmentFunction.OTHER)
                .build();
    }

    private EmployeeHired hire(String employee) {
        return EmployeeHired.newBuilder()
                .setHeader(header(SourceSystem.ORG, employee, "d-sales"))
                .setEmployeeId(employee)
                .setDepartmentId("d-sales")
                .setPosition("staff")
                .setManagerId(null)
                .setHireDate(Instant.ofEpochMilli(eventTime)
                        .atZone(ZONE)
                        .toLocalDate()
                        .minusDays(40))
                .setBasePay(new BigDecimal("10000.00"))
                .setName(employee)
                .build();
    }

    @Override
    public void close() {
        dispatcher.close();
        producer.close();
        receiver.close();
    }
}
