package io.kpipulse.api.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kpipulse.api.web.HeadlessChromium;
import io.kpipulse.api.web.SignInForm;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.SalesChannel;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Event produced → tile changed in the browser (not a test; run by {@code deploy/bench/tile-bench.sh}
 * against a running local stack). Signs in to the dashboard as the executive in headless Chromium, opens the
 * company overview and watches the new-policy premium tile with a MutationObserver that stamps every change
 * of its value with the browser's clock; then, one at a time, sends a {@code PolicyIssued} of ¥1,000,000.00
 * dated now for one agent through Kafka (the contracts' codec, key and topic, as a business system would)
 * and waits for the tile to show the month grown by at least that much. Latency = the JVM's clock just before
 * the send → the browser's stamp (one machine, one clock). It covers the whole path: broker, engine
 * (watermark, windows, flush), ClickHouse, the API's live feed, server-sent events and Vue's render.
 */
public final class TileLatencyBench {

    private static final String INDICATOR = "new_policy_premium";
    private static final BigDecimal PREMIUM = new BigDecimal("1000000.00");
    private static final Duration SAMPLE_TIMEOUT = Duration.ofSeconds(30);
    /** The engine may still be working through the simulated backlog when the bench starts. */
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> options;
    private final HttpClient http = HttpClient.newHttpClient();

    private TileLatencyBench(String[] args) {
        this.options = new HashMap<>(Map.of(
                "api", "http://127.0.0.1:8080",
                "kafka", "127.0.0.1:9092",
                "clickhouse", "http://127.0.0.1:8123",
                "tenant", "t-acme-life",
                "username", "executive",
                "employee", "e-00001",
                "samples", "20",
                "results", "deploy/bench/RESULTS.md"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        if (!options.get("tenant").matches("[a-z0-9-]+")
                || !options.get("employee").matches("[A-Za-z0-9-]+")) {
            throw new IllegalArgumentException("--tenant and --employee are ids (letters, digits, '-')");
        }
        if (!options.containsKey("password")) {
            throw new IllegalArgumentException("--password of the demo executive is required (the stack prints it)");
        }
    }

    public static void main(String[] args) throws Exception {
        new TileLatencyBench(args).run();
    }

    private void run() throws Exception {
        String tenant = options.get("tenant");
        String token = signIn();
        String employee = options.get("employee");
        JsonNode record = awaitEmployee(tenant, employee, token);
        String department = record.path("departmentId").asText();
        log("agent " + employee + " of " + department);

        WebDriver browser = HeadlessChromium.start();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            openOverview(browser, tenant);
            JavascriptExecutor js = (JavascriptExecutor) browser;
            js.executeScript(OBSERVER, INDICATOR);
            // The first event dated now also moves the watermark past the simulated backlog, whose newest
            // events wait for it: the tile then takes in the backlog's tail as well. Not a sample.
            BigDecimal start = new BigDecimal(String.valueOf(js.executeScript(CURRENT)));
            long warmUp = send(producer, policy(tenant, employee, department));
            awaitTile(js, start.add(PREMIUM), warmUp, WARM_UP_TIMEOUT);
            log("warm-up event on the tile; sampling");
            List<Long> latencies = new ArrayList<>();
            List<Long> toRow = new ArrayList<>();
            List<Long> rowToTile = new ArrayList<>();
            int samples = Integer.parseInt(options.get("samples"));
            for (int i = 0; i < samples; i++) {
                BigDecimal before = new BigDecimal(String.valueOf(js.executeScript(CURRENT)));
                BigDecimal after = before.add(PREMIUM);
                long sent = send(producer, policy(tenant, employee, department));
                // The browser stamps the tile's change by itself meanwhile: waiting for the row first loses nothing.
                long written = awaitRow(tenant, after, SAMPLE_TIMEOUT);
                long seen = awaitTile(js, after, sent, SAMPLE_TIMEOUT);
                latencies.add(seen - sent);
                toRow.add(written - sent);
                rowToTile.add(seen - written);
                log(String.format(
                        "sample %d: %d ms (row in ClickHouse after %d ms, tile %d ms after the row)",
                        i + 1, seen - sent, written - sent, seen - written));
                Thread.sleep(500);
            }
            report(latencies, toRow, rowToTile);
        } finally {
            browser.quit();
        }
    }

    /** Stamps each value the tile shows (its title holds the exact decimal) with the browser's clock. */
    private static final String OBSERVER = "const id = arguments[0];"
            + "window.__kpiSeen = [];"
            + "const read = () => { const el = document.querySelector(`[data-indicator=\"${id}\"] .tile-value`);"
            + "  return el ? (el.getAttribute('title') || '0') : '0'; };"
            + "let last = read();"
            + "new MutationObserver(() => { const v = read(); if (v !== last) { last = v;"
            + "  window.__kpiSeen.push([Date.now(), v]); } })"
            + ".observe(document.querySelector('main'), {subtree: true, childList: true, attributes: true,"
            + "  characterData: true});";

    private static final String CURRENT = "const el = document.querySelector('[data-indicator=\"" + INDICATOR
            + "\"] .tile-value'); return el ? (el.getAttribute('title') || '0') : '0';";

    /** Sends as a policy system would (contracts' codec, key and topic, stamped on send); returns the send time. */
    private static long send(KafkaProducer<byte[], byte[]> producer, PolicyIssued event) throws Exception {
        long sent = System.currentTimeMillis();
        producer.send(new ProducerRecord<>(
                        EventTypes.of(PolicyIssued.class).topic(),
                        null,
                        sent,
                        EventKeys.keyOf(event),
                        EventCodec.standard().encode(event)))
                .get();
        return sent;
    }

    private long awaitTile(JavascriptExecutor js, BigDecimal atLeast, long sentMillis, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Object seen = js.executeScript("return window.__kpiSeen;");
            if (seen instanceof List<?> changes) {
                for (Object change : changes) {
                    List<?> pair = (List<?>) change;
                    long at = ((Number) pair.get(0)).longValue();
                    if (at >= sentMillis && new BigDecimal(String.valueOf(pair.get(1))).compareTo(atLeast) >= 0) {
                        js.executeScript("window.__kpiSeen = [];");
                        return at;
                    }
                }
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("the tile did not reach " + atLeast + " within " + timeout);
    }

    /**
     * When a month-to-date premium row of a department (the tile shows the root's) worth at least {@code atLeast}
     * became visible in ClickHouse, on this JVM's clock: polled every {@link #ROW_POLL_MILLIS} over ClickHouse's
     * HTTP interface, so the stamp is up to that late. Rows of one flush are inserted together, so the root's
     * row is visible when the first such row is.
     */
    private long awaitRow(String tenant, BigDecimal atLeast, Duration timeout) throws Exception {
        String sql = "SELECT count() FROM indicator_values WHERE tenant_id = '" + tenant + "'"
                + " AND indicator_id = '" + INDICATOR + "' AND window_type = 'MONTH_TO_DATE'"
                + " AND window_start = toStartOfMonth(toDate(now(), 'Asia/Shanghai')) AND subject_type = 'DEPARTMENT'"
                + " AND value >= toDecimal128('" + atLeast.toPlainString() + "', 6)";
        HttpRequest request = HttpRequest.newBuilder(URI.create(options.get("clickhouse") + "/?database=kpi"))
                .POST(HttpRequest.BodyPublishers.ofString(sql))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            long at = System.currentTimeMillis();
            if (answer.statusCode() != 200) {
                throw new IllegalStateException("ClickHouse: " + answer.statusCode() + " " + answer.body());
            }
            if (Long.parseLong(answer.body().strip()) > 0) {
                return at;
            }
            Thread.sleep(ROW_POLL_MILLIS);
        }
        throw new IllegalStateException("no department row reached " + atLeast + " within " + timeout);
    }

    private static final long ROW_POLL_MILLIS = 10;

    private void openOverview(WebDriver browser, String tenant) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        SignInForm.submit(browser, options.get("api") + "/", tenant, options.get("username"), options.get("password"));
        wait.ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> d.getCurrentUrl().contains("/tenants/" + tenant)
                        && !d.findElements(By.cssSelector("[data-indicator=\"" + INDICATOR + "\"]"))
                                .isEmpty()
                        && "open"
                                .equals(d.findElement(By.cssSelector("[data-live-status]"))
                                        .getAttribute("data-live-status")));
    }

    private static PolicyIssued policy(String tenant, String agent, String department) {
        String id = UUID.randomUUID().toString();
        return PolicyIssued.newBuilder()
                .setHeader(EventHeader.newBuilder()
                        .setTenantId(tenant)
                        .setEventId(UUID.fromString(id))
                        .setEventTime(Instant.now())
                        .setSourceSystem(SourceSystem.POLICY)
                        .setEmployeeId(agent)
                        .setDepartmentId(department)
                        .setSchemaVersion(1)
                        .build())
                .setPolicyId("bench-" + id)
                .setPremium(PREMIUM)
                .setProductLine(LineOfBusiness.LIFE)
                .setChannel(SalesChannel.AGENT)
                .setAgentId(agent)
                .setFirstYear(true)
                .setCustomerId("bench-customer")
                .build();
    }

    private KafkaProducer<byte[], byte[]> producer() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.get("kafka"));
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private String signIn() throws Exception {
        String body = JSON.writeValueAsString(Map.of(
                "tenant", options.get("tenant"),
                "username", options.get("username"),
                "password", options.get("password")));
        HttpResponse<String> answer = http.send(
                HttpRequest.newBuilder(URI.create(options.get("api") + "/api/v1/auth/login"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("sign-in failed: " + answer.statusCode() + " " + answer.body());
        }
        return JSON.readTree(answer.body()).path("token").asText();
    }

    /**
     * The agent's org record, once the engine has written it: the simulator has finished sending when this starts,
     * but on a loaded machine the engine may still be reading the hires (the directory answers 404 until then).
     */
    private JsonNode awaitEmployee(String tenant, String employee, String token) throws Exception {
        String path = "/api/v1/tenants/" + tenant + "/org/employees/" + employee;
        long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
        while (true) {
            HttpResponse<String> answer = get(path, token);
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body());
            }
            if (answer.statusCode() != 404 || System.nanoTime() > deadline) {
                throw new IllegalStateException(path + ": " + answer.statusCode() + " " + answer.body());
            }
            Thread.sleep(2_000);
        }
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(options.get("api") + path))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static long[] sorted(List<Long> millis) {
        long[] sorted = millis.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        return sorted;
    }

    private void report(List<Long> latencies, List<Long> toRow, List<Long> rowToTile) throws Exception {
        long[] sorted = sorted(latencies);
        StringBuilder md = BenchReport.header(
                "event → dashboard tile",
                // Never the arguments as given: they carry the executive's password.
                "deploy/bench/tile-bench.sh --samples " + options.get("samples"),
                "the whole local stack (deploy/run.sh: broker, ClickHouse, MiniCluster engine, API) and headless"
                        + " Chromium on this machine");
        md.append(String.format(
                "- %d samples, one at a time: a PolicyIssued of ¥1,000,000.00 dated now for %s through Kafka → the"
                        + " company overview's month-to-date premium tile grown by it (MutationObserver stamp)%n%n",
                sorted.length, options.get("employee")));
        md.append(String.format(
                "- split at the moment the root department's new row is visible in ClickHouse (polled every %d ms"
                        + " from the driver, so \"written\" is up to that late): event produced → row written (broker,"
                        + " engine: watermark wait, windows, flush, insert) and row written → tile changed (the API's"
                        + " live feed poll, server-sent event, the page's update)%n%n",
                ROW_POLL_MILLIS));
        md.append("| part | p50 ms | p90 ms | p99 ms | max ms |\n|---|---|---|---|---|\n");
        line(md, "event produced → tile changed", sorted);
        line(md, "event produced → row written", sorted(toRow));
        line(md, "row written → tile changed", sorted(rowToTile));
        System.out.print(md);
        Files.writeString(
                Path.of(options.get("results")),
                md,
                StandardCharsets.UTF_8,
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        log("appended to " + options.get("results"));
    }

    private static void line(StringBuilder md, String part, long[] sorted) {
        md.append(String.format(
                "| %s | %.0f | %.0f | %.0f | %d |%n",
                part,
                BenchReport.percentile(sorted, 50),
                BenchReport.percentile(sorted, 90),
                BenchReport.percentile(sorted, 99),
                sorted[sorted.length - 1]));
    }

    private static void log(String message) {
        System.out.println("[tile-bench] " + message);
    }
}
