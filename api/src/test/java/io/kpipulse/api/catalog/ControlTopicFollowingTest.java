package io.kpipulse.api.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.api.ApiMain;
import io.kpipulse.api.ApiOptions;
import io.kpipulse.api.auth.AuthOptions;
import io.kpipulse.api.auth.LocalUser;
import io.kpipulse.api.auth.PasswordHash;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.auth.UserDirectory;
import io.kpipulse.api.http.ApiJson;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.config.Settings;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.storage.ClickHouseConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The API started as in production, following a real broker's control topic. */
class ControlTopicFollowingTest {

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final long BUNDLED = CatalogYaml.templateLibrary().version();
    static final String TENANT = "t-acme-life";

    static final String PASSWORD = "follow-password-1";

    static ClickHouseConnector clickhouse;
    static Path usersFile;

    @BeforeAll
    static void database(@TempDir Path dir) throws Exception {
        // ApiMain as the local stack starts it: the built-in issuer signs an HR user of the tenant in.
        usersFile = dir.resolve("users.json");
        UserDirectory.write(
                usersFile,
                List.of(new LocalUser(
                        TENANT,
                        "hr",
                        PasswordHash.hash(PASSWORD.toCharArray(), new SecureRandom(), 1_000),
                        Set.of(Role.HR),
                        null)),
                ApiJson.mapper());
        clickhouse =
                new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("follow"), "default", "", true);
        clickhouse.migrator().migrate();
        try (Connection c = clickhouse.open();
                Statement s = c.createStatement()) {
            // What the engine writes once it computes the new indicator.
            s.execute("INSERT INTO indicator_values (tenant_id, indicator_id, window_type, window_start, window_end,"
                    + " subject_type, subject_id, value, numerator, denominator, target, attainment, event_count,"
                    + " last_event_time, catalog_version, version, updated_at) VALUES ('" + TENANT
                    + "','policies_issued_copy','MONTH_TO_DATE','2026-11-01','2026-11-30','EMPLOYEE','e-00001',"
                    + "7,7,NULL,NULL,NULL,7,'2026-11-20 02:00:00.000'," + (BUNDLED + 1) + ",7,now64(3))");
        }
    }

    private static Settings settings(String bootstrap, String prefix) {
        return Settings.of(Map.of(
                ApiOptions.PORT.key(),
                "0",
                ApiOptions.KAFKA_BOOTSTRAP_SERVERS.key(),
                bootstrap,
                ApiOptions.KAFKA_TOPIC_PREFIX.key(),
                prefix,
                "kpi.clickhouse.url",
                clickhouse.url(),
                "kpi.clickhouse.database",
                clickhouse.database(),
                AuthOptions.LOCAL_ISSUER.key(),
                "true",
                AuthOptions.LOCAL_USERS_FILE.key(),
                usersFile.toString()));
    }

    private static void publish(String topic, String yaml) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(KAFKA.producerProperties())) {
            producer.send(new ProducerRecord<>(
                            topic,
                            SourceTopics.CONTROL_CATALOG_KEY.getBytes(StandardCharsets.UTF_8),
                            yaml.getBytes(StandardCharsets.UTF_8)))
                    .get();
        }
    }

    private static HttpResponse<String> get(ApiMain.Running api, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path));
        if (!path.equals("/health")) {
            request.header("Authorization", "Bearer " + signIn(api));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String signIn(ApiMain.Running api) throws Exception {
        HttpResponse<String> login = HTTP.send(
                HttpRequest.newBuilder(URI.create(api.url() + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"" + TENANT
                                + "\",\"username\":\"hr\",\"password\":\"" + PASSWORD + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, login.statusCode(), login.body());
        return JSON.readTree(login.body()).path("token").asText();
    }

    private static JsonNode awaitJson(ApiMain.Running api, String path, Predicate<JsonNode> until) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(45));
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            last = JSON.readTree(get(api, path).body());
            if (until.test(last)) {
                return last;
            }
            Thread.sleep(100); // polling a background consumer: no event to wait on
        }
        throw new AssertionError(path + " never matched; last answer " + last);
    }

    @Test
    void aCatalogVersionPublishedOnTheControlTopicIsServedAndItsValuesReadable() throws Exception {
        String prefix = KAFKA.uniqueTopic("api") + ".";
        String topic = prefix + SourceTopics.CONTROL;
        KAFKA.createCompactedTopic(topic, 1);
        try (ApiMain.Running api = ApiMain.start(settings(KAFKA.bootstrapServers(), prefix))) {
            publish(topic, CatalogVersionsTest.libraryVersion(BUNDLED + 1, "policies_issued_copy"));
            JsonNode catalog = awaitJson(
                    api,
                    "/api/v1/tenants/" + TENANT + "/indicators",
                    c -> c.path("catalogVersion").asLong() == BUNDLED + 1);
            assertTrue(catalog.toString().contains("\"policies_issued_copy\""), "the new indicator is listed");

            HttpResponse<String> values = get(
                    api,
                    "/api/v1/tenants/" + TENANT + "/values?indicator=policies_issued_copy&window=MONTH_TO_DATE"
                            + "&date=2026-11-20&subjectType=EMPLOYEE");
            assertEquals(200, values.statusCode(), values.body());
            JsonNode row = JSON.readTree(values.body()).path("values").get(0);
            assertEquals("e-00001", row.path("subjectId").asText());
            assertEquals("7", row.path("value").asText());

            // An invalid document and an older version are passed over; the next valid one still applies.
            publish(topic, "version: " + (BUNDLED + 5) + "\nindicators: [{id: broken}]");
            publish(topic, CatalogYaml.templateLibraryText());
            publish(topic, CatalogVersionsTest.libraryVersion(BUNDLED + 2, "policies_issued_copy"));
            awaitJson(
                    api,
                    "/api/v1/tenants/" + TENANT + "/indicators",
                    c -> c.path("catalogVersion").asLong() == BUNDLED + 2);
            JsonNode health = JSON.readTree(get(api, "/health").body());
            assertEquals("UP", health.path("status").asText(), health.toString());
            assertEquals(BUNDLED + 2, health.path("catalog").path("version").asLong());
            assertEquals(
                    "UP",
                    health.path("catalog").path("controlTopic").path("status").asText());
            assertEquals(
                    topic,
                    health.path("catalog").path("controlTopic").path("topic").asText());
        }
    }

    @Test
    void anUnreachableBrokerLeavesTheLastGoodCatalogServedAndHealthSaysSo() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (ApiMain.Running api = ApiMain.start(settings("127.0.0.1:" + closedPort, ""))) {
            JsonNode health = awaitJson(
                    api,
                    "/health",
                    h -> h.path("catalog")
                            .path("controlTopic")
                            .path("status")
                            .asText()
                            .equals("DOWN"));
            assertEquals("DEGRADED", health.path("status").asText());
            assertEquals(200, get(api, "/health").statusCode());
            assertEquals(BUNDLED, health.path("catalog").path("version").asLong());
            HttpResponse<String> catalog = get(api, "/api/v1/tenants/" + TENANT + "/indicators");
            assertEquals(200, catalog.statusCode());
            assertEquals(
                    BUNDLED,
                    JSON.readTree(catalog.body()).path("catalogVersion").asLong());
        }
    }
}
