package io.kpipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientOptionsTest {

    @Test
    void theLocalDefaultIsPlaintextWithNothingElse() {
        assertEquals(
                Map.of("security.protocol", "PLAINTEXT"), KafkaClientOptions.clientProperties(Settings.of(Map.of())));
    }

    @Test
    void scramOverTlsBecomesTheClientsJaasConfigWithQuotesEscaped() {
        Map<String, String> props = KafkaClientOptions.clientProperties(Settings.of(Map.of(
                "kpi.kafka.security-protocol", "sasl_ssl",
                "kpi.kafka.sasl-mechanism", "SCRAM-SHA-512",
                "kpi.kafka.sasl-username", "kpi-app",
                "kpi.kafka.sasl-password", "p\"w\\d",
                "kpi.kafka.ssl-truststore-type", "PEM",
                "kpi.kafka.ssl-truststore-location", "/etc/kpi/kafka-ca/ca.crt")));
        assertEquals("SASL_SSL", props.get("security.protocol"));
        assertEquals("SCRAM-SHA-512", props.get("sasl.mechanism"));
        assertEquals(
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"kpi-app\""
                        + " password=\"p\\\"w\\\\d\";",
                props.get("sasl.jaas.config"));
        assertEquals("PEM", props.get("ssl.truststore.type"));
        assertEquals("/etc/kpi/kafka-ca/ca.crt", props.get("ssl.truststore.location"));
    }

    @Test
    void saslWithoutAMechanismOrAUserIsRefusedAtStart() {
        IllegalArgumentException noMechanism = assertThrows(
                IllegalArgumentException.class,
                () -> KafkaClientOptions.clientProperties(
                        Settings.of(Map.of("kpi.kafka.security-protocol", "SASL_SSL"))));
        assertTrue(noMechanism.getMessage().contains("kpi.kafka.sasl-mechanism"));
        assertThrows(
                IllegalArgumentException.class,
                () -> KafkaClientOptions.clientProperties(Settings.of(
                        Map.of("kpi.kafka.security-protocol", "SASL_PLAINTEXT", "kpi.kafka.sasl-mechanism", "PLAIN"))));
        assertThrows(
                IllegalArgumentException.class,
                () -> KafkaClientOptions.clientProperties(Settings.of(Map.of("kpi.kafka.security-protocol", "TLS"))));
    }

    @Test
    void aPropertiesFileAddsWhatTheOptionsDoNotCover(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "ssl.keystore.location=/etc/kpi/client.p12\nssl.keystore.type=PKCS12\n");
        Map<String, String> props = KafkaClientOptions.clientProperties(Settings.of(
                Map.of("kpi.kafka.client-properties-file", file.toString(), "kpi.kafka.security-protocol", "SSL")));
        assertEquals("/etc/kpi/client.p12", props.get("ssl.keystore.location"));
        assertEquals("SSL", props.get("security.protocol"));
    }
}
