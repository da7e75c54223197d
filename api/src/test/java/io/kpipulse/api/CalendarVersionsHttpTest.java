package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.kpipulse.api.auth.Role;
import io.kpipulse.api.calendars.CalendarPublisher;
import io.kpipulse.api.calendars.CalendarServices;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.kafka.local.testing.KafkaExtension;
import io.kpipulse.tenants.CalendarVersion;
import io.kpipulse.tenants.CalendarVersionJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Publishing a tenant's calendar for a year through the API, against a real broker and ClickHouse: HR
 * publishes the Spring Festival of 2027 and then a company day off, each becomes the next version on the
 * control topic (key per version, the JSON the engine reads) and is listed back; invalid versions are refused
 * with the field named and nothing published. The clock is fixed at 2026-04-02T02:00Z.
 */
class CalendarVersionsHttpTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @RegisterExtension
    static final KafkaExtension KAFKA = new KafkaExtension();

    static final String VERSIONS = "/api/v1/tenants/t-acme/calendars/2027/versions";
    static final String VERSIONS_2028 = "/api/v1/tenants/t-acme/calendars/2028/versions";
    static final String SPRING_FESTIVAL = "{\"holidays\":[\"2027-02-06\",\"2027-02-07\",\"2027-02-08\",\"2027-02-09\","
            + "\"2027-02-10\",\"2027-02-11\",\"2027-02-12\"],\"makeUpWorkdays\":[\"2027-02-14\",\"2027-02-20\"]}";

    static PeopleSeed seed;
    static String topic;
    static CalendarPublisher publisher;
    static ApiServices services;

    @BeforeAll
    static void start() throws Exception {
        seed = PeopleSeed.create(CLICKHOUSE, "calendar_versions");
        String prefix = KAFKA.uniqueTopic("calendars") + ".";
        topic = prefix + "kpi.control";
        KAFKA.createTopic(topic, 1);
        publisher = new CalendarPublisher(KAFKA.bootstrapServers(), Map.of(), prefix);
        services = seed.services(io.kpipulse.api.alerts.RulePublication.unavailable())
                .withCalendars(CalendarServices.over(seed.connections(), publisher));
    }

    @AfterAll
    static void close() {
        services.close();
        publisher.close();
    }

    @Test
    void hrPublishesVersionsOfAYearThatTheControlTopicCarriesAndTheApiListsBack() {
        SecuredApi.withApp(services, (app, client) -> {
            SecuredApi.Answer first = post(client, Role.HR, SPRING_FESTIVAL);
            assertEquals(201, first.status(), first.body());
            JsonNode v1 = first.json();
            assertEquals(1, v1.get("version").asLong());
            assertEquals("e-hr", v1.get("publishedBy").asText().replace("t-acme/", ""));
            assertEquals("2026-04-02T02:00:00Z", v1.get("publishedAt").asText());
            assertEquals("2026-04-02T02:01:00Z", v1.get("effectiveFrom").asText(), "a minute after publication");

            // The company adds Monday 15 Feb: the whole year again, as the next version.
            SecuredApi.Answer second = post(
                    client,
                    Role.ADMINISTRATOR,
                    SPRING_FESTIVAL.replace("\"2027-02-12\"]", "\"2027-02-12\",\"2027-02-15\"]"));
            assertEquals(201, second.status(), second.body());
            assertEquals(2, second.json().get("version").asLong());

            SecuredApi.Answer listed =
                    SecuredApi.send(client, "GET", VERSIONS, null, "Authorization", seed.bearer(Role.EMPLOYEE));
            assertEquals(200, listed.status(), listed.body());
            JsonNode versions = listed.json().get("versions");
            assertEquals(2, versions.size());
            assertEquals(7, versions.get(0).get("holidays").size());
            assertEquals(8, versions.get(1).get("holidays").size());
            assertEquals(true, versions.get(1).get("published").asBoolean());

            List<ConsumerRecord<String, String>> records = controlRecords("calendar/t-acme/2027/", 2);
            assertEquals(
                    List.of("calendar/t-acme/2027/1", "calendar/t-acme/2027/2"),
                    records.stream().map(ConsumerRecord::key).toList());
            CalendarVersion onTopic = CalendarVersionJson.read(records.get(1).value());
            assertEquals(2, onTopic.version());
            assertEquals(8, onTopic.holidays().size());
            assertEquals(2, onTopic.makeUpWorkdays().size());
        });
    }

    @Test
    void anInvalidVersionIsRefusedWithTheFieldNamed() {
        SecuredApi.withApp(services, (app, client) -> {
            assertRefused(
                    post(client, Role.HR, "{\"makeUpWorkdays\":[\"2027-02-15\"]}"),
                    "makeUpWorkdays",
                    "make-up working day 2027-02-15 is a MONDAY: only a Saturday or Sunday can be made a working day");
            assertRefused(
                    post(client, Role.HR, "{\"holidays\":[\"2026-12-31\"]}"),
                    "holidays",
                    "holiday 2026-12-31 is not in 2027");
            assertRefused(
                    post(client, Role.HR, "{\"holidays\":[\"2027-02-14\"],\"makeUpWorkdays\":[\"2027-02-14\"]}"),
                    "makeUpWorkdays",
                    "2027-02-14 is listed both as a holiday and as a make-up working day");
            assertRefused(post(client, Role.HR, "{\"holidays\":[\"14 Feb\"]}"), "holidays", null);
            assertRefused(post(client, Role.HR, "[1]"), "body", null);
            SecuredApi.Answer badYear = SecuredApi.send(
                    client,
                    "POST",
                    "/api/v1/tenants/t-acme/calendars/twenty/versions",
                    "{}",
                    "Authorization",
                    seed.bearer(Role.HR));
            assertRefused(badYear, "year", "'twenty' is not a year");
        });
    }

    /**
     * Publishers of one year at the same moment (as through several API processes) each compute the same next
     * number; every one still gets a number of its own, and each number has one content, the same in the table
     * and on the control topic.
     */
    @Test
    void publishersOfOneYearAtTheSameMomentGetDistinctNumbersEachWithOneContent() throws Exception {
        int publishers = 4;
        SecuredApi.withApp(services, (app, client) -> {
            ExecutorService pool = Executors.newFixedThreadPool(publishers);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<SecuredApi.Answer>> answers = new ArrayList<>();
            for (int i = 1; i <= publishers; i++) {
                String body = "{\"holidays\":[\"2028-03-0" + i + "\"]}";
                answers.add(pool.submit(() -> {
                    go.await();
                    return SecuredApi.send(client, "POST", VERSIONS_2028, body, "Authorization", seed.bearer(Role.HR));
                }));
            }
            go.countDown();
            Map<Long, String> holidayOfNumber = new TreeMap<>();
            for (Future<SecuredApi.Answer> future : answers) {
                SecuredApi.Answer answer = future.get(60, TimeUnit.SECONDS);
                assertEquals(201, answer.status(), answer.body());
                holidayOfNumber.put(
                        answer.json().get("version").asLong(),
                        answer.json().get("holidays").get(0).asText());
            }
            pool.shutdown();
            assertEquals(List.of(1L, 2L, 3L, 4L), List.copyOf(holidayOfNumber.keySet()));
            assertEquals(publishers, Set.copyOf(holidayOfNumber.values()).size(), holidayOfNumber.toString());

            JsonNode listed = SecuredApi.send(client, "GET", VERSIONS_2028, null, "Authorization", seed.bearer(Role.HR))
                    .json()
                    .get("versions");
            Map<Long, String> onTopic = new TreeMap<>();
            for (ConsumerRecord<String, String> r : controlRecords("calendar/t-acme/2028/", publishers)) {
                CalendarVersion v = CalendarVersionJson.read(r.value());
                assertEquals(null, onTopic.put(v.version(), v.holidays().first().toString()), "one record per number");
            }
            Map<Long, String> inTable = new TreeMap<>();
            for (JsonNode v : listed) {
                inTable.put(v.get("version").asLong(), v.get("holidays").get(0).asText());
            }
            assertEquals(holidayOfNumber, inTable);
            assertEquals(holidayOfNumber, onTopic);
        });
    }

    private static void assertRefused(SecuredApi.Answer answer, String field, String message) throws Exception {
        assertEquals(400, answer.status(), answer.body());
        JsonNode error = answer.json().get("error");
        assertEquals("BAD_REQUEST", error.get("code").asText(), answer.body());
        if (message != null) {
            assertEquals(true, error.get("message").asText().contains(message), answer.body());
        }
        assertEquals(true, error.get("message").asText().contains(field), answer.body());
    }

    private static SecuredApi.Answer post(io.javalin.testtools.HttpClient client, Role role, String body)
            throws Exception {
        return SecuredApi.send(client, "POST", VERSIONS, body, "Authorization", seed.bearer(role));
    }

    /** The control topic's records whose key starts with {@code keyPrefix}, once {@code expected} are there. */
    private static List<ConsumerRecord<String, String>> controlRecords(String keyPrefix, int expected) {
        Properties p = new Properties();
        p.setProperty("bootstrap.servers", KAFKA.bootstrapServers());
        List<ConsumerRecord<String, String>> out = new ArrayList<>();
        try (KafkaConsumer<String, String> c =
                new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            c.assign(List.of(partition));
            c.seekToBeginning(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (out.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    if (r.key().startsWith(keyPrefix)) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }
}
