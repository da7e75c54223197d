package io.kpipulse.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code server.properties} of the local single-node KRaft broker, as one place with every key and
 * the reason for its value. Anything not listed keeps Kafka's default (retention in particular).
 */
final class BrokerConfig {

    static final int NODE_ID = 1;
    static final String CONTROLLER_LISTENER = "CONTROLLER";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String HOST = "127.0.0.1";
    /** Directory under the data dir that holds Kafka's partition logs and the KRaft metadata log. */
    static final String KAFKA_LOG_DIR = "kraft-logs";
    /** Flink's exactly-once sink keeps transactions open across checkpoints; allow 15 minutes. */
    static final Duration TRANSACTION_MAX_TIMEOUT = Duration.ofMinutes(15);

    private BrokerConfig() {}

    static Map<String, String> serverProperties(
            int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put(
                "listeners",
                BROKER_LISTENER + "://" + HOST + ":" + port + "," + CONTROLLER_LISTENER + "://" + HOST + ":"
                        + controllerPort);
        p.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + port);
        p.put("listener.security.protocol.map", BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        p.put("inter.broker.listener.name", BROKER_LISTENER);
        p.put("controller.listener.names", CONTROLLER_LISTENER);
        // Static quorum: storage is formatted without --standalone and the controller port may change between runs.
        p.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        p.put("log.dirs", dataDir.resolve(KAFKA_LOG_DIR).toAbsolutePath().toString());

        // One node: every internal topic has one replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // 50 partitions each (the defaults) cost seconds to create on the first group / transaction on 2 cores.
        p.put("offsets.topic.num.partitions", "4");
        p.put("transaction.state.log.num.partitions", "4");

        p.put("group.initial.rebalance.delay.ms", "0");
        // The product creates its topics explicitly, with the partitions and configs it needs.
        p.put("auto.create.topics.enable", "false");
        p.put("transaction.max.timeout.ms", Long.toString(TRANSACTION_MAX_TIMEOUT.toMillis()));
        // The control topic is compacted. A 1 s idle back-off (default 15 s) lets compaction show up promptly.
        p.put("log.cleaner.enable", "true");
        p.put("log.cleaner.backoff.ms", "1000");
        p.put("log.cleaner.dedupe.buffer.size", Long.toString(16L * 1024 * 1024));
        p.putAll(overrides);
        return p;
    }
}
