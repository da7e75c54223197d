package io.kpipulse.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * How the engine, the API and the simulator reach an external Kafka: security protocol, SASL (PLAIN or SCRAM)
 * credentials, TLS trust store, and a properties file for anything else; passed through unchanged to every
 * Kafka client they create. Defaults reach the local stack's plaintext broker.
 */
public final class KafkaClientOptions {
    public static final ConfigOption<String> SECURITY_PROTOCOL = ConfigOption.string(
            "kpi.kafka.security-protocol", "PLAINTEXT", "PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL.");
    public static final ConfigOption<String> SASL_MECHANISM = ConfigOption.string(
            "kpi.kafka.sasl-mechanism", "", "PLAIN, SCRAM-SHA-256 or SCRAM-SHA-512 (with a SASL_* protocol).");
    public static final ConfigOption<String> SASL_USERNAME =
            ConfigOption.string("kpi.kafka.sasl-username", "", "SASL user.");
    public static final ConfigOption<String> SASL_PASSWORD = ConfigOption.secret(
            "kpi.kafka.sasl-password", "", "SASL password; pass it through the environment, never commit it.");
    public static final ConfigOption<String> TRUSTSTORE_LOCATION = ConfigOption.string(
            "kpi.kafka.ssl-truststore-location", "", "Trust store of the brokers' CA (PEM, PKCS12 or JKS file).");
    public static final ConfigOption<String> TRUSTSTORE_TYPE = ConfigOption.string(
            "kpi.kafka.ssl-truststore-type", "", "PEM, PKCS12 or JKS; empty = the client's default.");
    public static final ConfigOption<String> TRUSTSTORE_PASSWORD =
            ConfigOption.secret("kpi.kafka.ssl-truststore-password", "", "Trust store password (not for PEM).");
    public static final ConfigOption<String> PROPERTIES_FILE = ConfigOption.string(
            "kpi.kafka.client-properties-file",
            "",
            "A Java properties file of further Kafka client settings (e.g. ssl.keystore.* for mutual TLS), applied"
                    + " before the options above.");

    public static final List<ConfigOption<?>> ALL = List.of(
            SECURITY_PROTOCOL,
            SASL_MECHANISM,
            SASL_USERNAME,
            SASL_PASSWORD,
            TRUSTSTORE_LOCATION,
            TRUSTSTORE_TYPE,
            TRUSTSTORE_PASSWORD,
            PROPERTIES_FILE);

    private KafkaClientOptions() {}

    /** The client properties these settings stand for (bootstrap servers not included: each module has its own). */
    public static Map<String, String> clientProperties(Settings settings) {
        Map<String, String> props = new LinkedHashMap<>();
        String file = settings.get(PROPERTIES_FILE);
        if (!file.isBlank()) {
            Properties loaded = new Properties();
            try (Reader in = Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8)) {
                loaded.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + PROPERTIES_FILE.key() + " " + file, e);
            }
            loaded.stringPropertyNames().forEach(k -> props.put(k, loaded.getProperty(k)));
        }
        String protocol = settings.get(SECURITY_PROTOCOL).strip().toUpperCase(Locale.ROOT);
        if (!List.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL").contains(protocol)) {
            throw new IllegalArgumentException(SECURITY_PROTOCOL.key() + ": unknown protocol " + protocol);
        }
        props.put("security.protocol", protocol);
        String mechanism = settings.get(SASL_MECHANISM).strip().toUpperCase(Locale.ROOT);
        if (protocol.startsWith("SASL_")) {
            if (mechanism.isEmpty()) {
                throw new IllegalArgumentException(
                        SASL_MECHANISM.key() + " is required with " + SECURITY_PROTOCOL.key() + "=" + protocol);
            }
            props.put("sasl.mechanism", mechanism);
            props.put("sasl.jaas.config", jaas(mechanism, settings.get(SASL_USERNAME), settings.get(SASL_PASSWORD)));
        } else if (!mechanism.isEmpty()) {
            throw new IllegalArgumentException(
                    SASL_MECHANISM.key() + " is set but " + SECURITY_PROTOCOL.key() + " is " + protocol);
        }
        putIfSet(props, "ssl.truststore.location", settings.get(TRUSTSTORE_LOCATION));
        putIfSet(props, "ssl.truststore.type", settings.get(TRUSTSTORE_TYPE));
        putIfSet(props, "ssl.truststore.password", settings.get(TRUSTSTORE_PASSWORD));
        return props;
    }

    /** The same, as the {@link Properties} Kafka's client constructors take. */
    public static Properties asProperties(Map<String, String> clientProperties) {
        Properties p = new Properties();
        p.putAll(clientProperties);
        return p;
    }

    private static String jaas(String mechanism, String user, String password) {
        String module = switch (mechanism) {
            case "PLAIN" -> "org.apache.kafka.common.security.plain.PlainLoginModule";
            case "SCRAM-SHA-256", "SCRAM-SHA-512" -> "org.apache.kafka.common.security.scram.ScramLoginModule";
            default ->
                throw new IllegalArgumentException(
                        SASL_MECHANISM.key() + ": " + mechanism + " is not one of PLAIN, SCRAM-SHA-256, SCRAM-SHA-512");
        };
        if (user.isBlank()) {
            throw new IllegalArgumentException(SASL_USERNAME.key() + " is required with SASL");
        }
        return module + " required username=\"" + quoted(user) + "\" password=\"" + quoted(password) + "\";";
    }

    /** JAAS string values: backslash and double quote escaped. */
    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void putIfSet(Map<String, String> props, String key, String value) {
        if (!value.isBlank()) {
            props.put(key, value.strip());
        }
    }
}
