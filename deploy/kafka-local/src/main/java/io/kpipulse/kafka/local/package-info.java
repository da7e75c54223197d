/**
 * A real single-node Apache Kafka 4.2 broker in KRaft mode for local runs and tests, started in its own JVM
 * from the Kafka jars on this module's class path.
 *
 * <ul>
 *   <li>{@link io.kpipulse.kafka.local.LocalKafkaBroker} — launcher API ({@code builder()...start()}) and a
 *       {@code main} that runs a broker until Ctrl-C.</li>
 *   <li>{@link io.kpipulse.kafka.local.KafkaBrokerProcess} — the broker JVM's entry point: formats the storage once,
 *       then runs {@code kafka.Kafka}.</li>
 *   <li>{@link io.kpipulse.kafka.local.testing.KafkaExtension} — one shared broker per test JVM for JUnit 5 tests.</li>
 * </ul>
 */
package io.kpipulse.kafka.local;
