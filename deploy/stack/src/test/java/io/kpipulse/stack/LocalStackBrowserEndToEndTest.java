package io.kpipulse.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.api.auth.DemoUsers;
import io.kpipulse.api.web.ChromiumExtension;
import io.kpipulse.api.web.HeadlessChromium;
import io.kpipulse.api.web.SignInForm;
import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.config.Settings;
import io.kpipulse.events.EventCodec;
import io.kpipulse.events.EventKeys;
import io.kpipulse.events.EventTypes;
import io.kpipulse.events.common.EventHeader;
import io.kpipulse.events.common.LineOfBusiness;
import io.kpipulse.events.common.SourceSystem;
import io.kpipulse.events.policy.PolicyIssued;
import io.kpipulse.events.policy.SalesChannel;
import io.kpipulse.simulator.Simulation;
import io.kpipulse.simulator.SimulationResult;
import io.kpipulse.simulator.SimulatorOptions;
import io.kpipulse.simulator.company.Company;
import io.kpipulse.simulator.company.Department;
import io.kpipulse.simulator.company.Employee;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruth;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.storage.ClickHouseOptions;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a new user does on the first day, through the product as it ships: the one-command stack (its own
 * broker, ClickHouse server, engine, API and simulator, on free ports in a temporary state directory) streams
 * the simulated month; the user signs in on the dashboard with a printed demo sign-in, sees the company's
 * month-to-date premium exactly as the simulator's ground truth has it, produces one {@code PolicyIssued}
 * with the contracts (codec, key, topic) as a policy system would, and sees the tile and the agent's own page
 * (with the agent's name) grow by exactly that premium without a reload. Screenshots in
 * {@code target/screenshots/stack-*.png}.
 */
@ExtendWith(ChromiumExtension.class)
class LocalStackBrowserEndToEndTest {

    private static final String TENANT = "t-acme-life";
    private static final String INDICATOR = "new_policy_premium";
    private static final BigDecimal PREMIUM = new BigDecimal("12345.67");
    /** Without progress for this long the engine is taken for stuck. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private static final Duration CAP = Duration.ofMinutes(15);
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    @TempDir
    Path state;

    @Test
    void aNewUserSeesTheSimulatedMonthExactlyAndAnEventTheyProduceOnTheTileAndTheAgentsPage() throws Exception {
        Settings settings = Settings.of(Map.of(
                StackOptions.STATE_DIR.key(),
                state.toString(),
                StackOptions.KAFKA_PORT.key(),
                Integer.toString(freePort()),
                StackOptions.CLICKHOUSE_PORT.key(),
                Integer.toString(freePort()),
                StackOptions.API_PORT.key(),
                Integer.toString(freePort()),
                StackOptions.PARTITIONS.key(),
                "2",
                StackOptions.SIM_EMPLOYEES.key(),
                "120",
                SimulatorOptions.DEPARTMENTS.key(),
                "16",
                StackOptions.SIM_RATE.key(),
                "0"));
        Files.createDirectories(SCREENSHOTS);
        try (LocalStack stack = new LocalStack(settings)) {
            LocalStack.Started started = stack.start();
            SimulationResult simulation = Simulation.run(started.simulation());
            List<ExpectedValue> truth = GroundTruth.compute(simulation);
            Company company = simulation.companies().stream()
                    .filter(c -> c.tenantId().equals(TENANT))
                    .findFirst()
                    .orElseThrow();
            LocalDate monthStart = LocalDate.now(company.calendar().zone()).withDayOfMonth(1);
            String root = company.departments().stream()
                    .filter(d -> d.parentId() == null)
                    .map(Department::id)
                    .findFirst()
                    .orElseThrow();
            DemoUsers.SignIn executive = signIn(started, "executive");
            Employee agent = company.employees().stream()
                    .filter(e ->
                            e.id().equals(signIn(started, "employee").user().employeeId()))
                    .findFirst()
                    .orElseThrow();
            BigDecimal companyBefore = monthToDate(truth, monthStart, SubjectType.DEPARTMENT, root);
            BigDecimal agentBefore = monthToDate(truth, monthStart, SubjectType.EMPLOYEE, agent.id());

            assertTrue(stack.awaitSimulator(CAP), "the simulator did not finish streaming within " + CAP);
            long accepted = simulation.accepted().size();
            // The newest events wait for the watermark (out-of-orderness bound) until later ones arrive: with
            // the simulator done nothing comes, so most, not all, are admitted until the user's event below.
            awaitProgress("the engine to take in the simulated month", () -> {
                long n = scalar(started, "SELECT uniqExact(event_id) FROM raw_events");
                return n >= accepted - 50 ? null : n;
            });

            WebDriver browser = HeadlessChromium.start();
            try {
                SignInForm.submit(browser, started.dashboardUrl(), TENANT, "executive", executive.password());
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
                String tile = "[data-indicator=" + INDICATOR + "] .tile-value";
                wait.ignoring(WebDriverException.class)
                        .until(d -> d.getCurrentUrl().contains("/tenants/" + TENANT)
                                && !d.findElements(By.cssSelector(tile)).isEmpty()
                                && "open"
                                        .equals(d.findElement(By.cssSelector("[data-live-status]"))
                                                .getAttribute("data-live-status")));
                BigDecimal shownBefore = exact(browser, tile);
                assertTrue(
                        shownBefore.compareTo(companyBefore) <= 0,
                        "the tile never shows more than the ground truth: " + shownBefore + " > " + companyBefore);
                screenshot(browser, "stack-01-overview");

                // The first event dated now also moves the watermark past the whole simulated month: after it,
                // the tile is the ground truth plus its premium, exactly.
                produce(started, policy(agent));
                BigDecimal afterOne = companyBefore.add(PREMIUM);
                awaitProgress("the tile to show the ground truth's " + companyBefore + " + " + PREMIUM, () -> {
                    BigDecimal shown = exact(browser, tile);
                    return shown.compareTo(afterOne) == 0 ? null : shown;
                });
                assertEquals(accepted + 1, scalar(started, "SELECT uniqExact(event_id) FROM raw_events"));
                screenshot(browser, "stack-02-overview-truth");

                // A second one, with nothing else pending: the time from produced to on screen.
                long sent = produce(started, policy(agent));
                BigDecimal afterTwo = afterOne.add(PREMIUM);
                new WebDriverWait(browser, Duration.ofSeconds(60))
                        .ignoring(WebDriverException.class)
                        .until(d -> exact(d, tile).compareTo(afterTwo) == 0);
                System.out.println("stack browser test: a PolicyIssued produced was on the company tile after "
                        + (System.currentTimeMillis() - sent) + " ms");
                screenshot(browser, "stack-03-overview-live");

                browser.get(started.dashboardUrl() + "tenants/" + TENANT + "/employees/" + agent.id());
                String value = "tr[data-indicator=" + INDICATOR + "] .value";
                BigDecimal agentAfter = agentBefore.add(PREMIUM).add(PREMIUM);
                new WebDriverWait(browser, Duration.ofSeconds(60))
                        .ignoring(WebDriverException.class)
                        .until(d -> exact(d, value).compareTo(agentAfter) == 0);
                assertTrue(
                        browser.findElement(By.tagName("h1")).getText().contains(agent.name()),
                        "the agent's page is titled with the agent's name");
                screenshot(browser, "stack-04-agent");
            } catch (Exception | AssertionError e) {
                screenshot(browser, "stack-failure");
                Files.writeString(SCREENSHOTS.resolve("stack-failure.html"), browser.getPageSource());
                throw e;
            } finally {
                browser.quit();
            }
        }
    }

    private static DemoUsers.SignIn signIn(LocalStack.Started started, String username) {
        return started.signIns().stream()
                .filter(s ->
                        s.user().tenant().equals(TENANT) && s.user().username().equals(username))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no demo sign-in " + username + " of " + TENANT));
    }

    /** The ground truth's month-to-date premium of this month, zero when the month has none yet. */
    private static BigDecimal monthToDate(
            List<ExpectedValue> truth, LocalDate monthStart, SubjectType type, String subject) {
        return truth.stream()
                .filter(v -> v.tenantId().equals(TENANT)
                        && v.indicatorId().equals(INDICATOR)
                        && v.windowType() == WindowType.MONTH_TO_DATE
                        && v.windowStart().equals(monthStart)
                        && v.subjectType() == type
                        && v.subjectId().equals(subject)
                        && v.value() != null)
                .map(ExpectedValue::value)
                .findFirst()
                .orElse(BigDecimal.ZERO);
    }

    /** The exact decimal a value cell carries in its title (the text is rounded and localised). */
    private static BigDecimal exact(WebDriver browser, String css) {
        List<WebElement> cells = browser.findElements(By.cssSelector(css));
        String title = cells.isEmpty() ? "" : cells.get(0).getAttribute("title");
        return title == null || title.isEmpty() ? BigDecimal.ZERO : new BigDecimal(title);
    }

    /** A policy of {@link #PREMIUM} sold now by the agent, produced as a policy system would; returns send time. */
    private static long produce(LocalStack.Started started, PolicyIssued event) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, started.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            long sent = System.currentTimeMillis();
            producer.send(new ProducerRecord<>(
                            EventTypes.of(PolicyIssued.class).topic(),
                            null,
                            sent,
                            EventKeys.keyOf(event),
                            EventCodec.standard().encode(event)))
                    .get(30, TimeUnit.SECONDS);
            return sent;
        }
    }

    private static PolicyIssued policy(Employee agent) {
        UUID id = UUID.randomUUID();
        return PolicyIssued.newBuilder()
                .setHeader(EventHeader.newBuilder()
                        .setTenantId(TENANT)
                        .setEventId(id)
                        .setEventTime(Instant.now())
                        .setSourceSystem(SourceSystem.POLICY)
                        .setEmployeeId(agent.id())
                        .setDepartmentId(agent.departmentId())
                        .setSchemaVersion(1)
                        .build())
                .setPolicyId("stack-test-" + id)
                .setPremium(PREMIUM)
                .setProductLine(LineOfBusiness.LIFE)
                .setChannel(SalesChannel.AGENT)
                .setAgentId(agent.id())
                .setFirstYear(true)
                .setCustomerId("stack-test-customer")
                .build();
    }

    private static long scalar(LocalStack.Started started, String sql) throws Exception {
        ClickHouseConnector clickHouse =
                ClickHouseConnector.from(Settings.of(Map.of(ClickHouseOptions.URL.key(), started.clickHouseJdbcUrl())));
        try (Connection c = clickHouse.open();
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Waits until {@code state} answers null (done); any other answer is the state seen, and a change of it is
     * progress. Fails after {@link #STALL} without progress or {@link #CAP} in all, naming the last state.
     */
    private static void awaitProgress(String what, Callable<Object> state) throws Exception {
        long start = System.nanoTime();
        long lastChange = start;
        Object last = null;
        while (true) {
            Object now;
            try {
                now = state.call();
            } catch (IOException | WebDriverException | java.sql.SQLException e) {
                now = e.getClass().getSimpleName();
            }
            if (now == null) {
                return;
            }
            long t = System.nanoTime();
            if (!now.equals(last)) {
                last = now;
                lastChange = t;
            }
            if (t - lastChange > STALL.toNanos() || t - start > CAP.toNanos()) {
                throw new AssertionError("gave up waiting for " + what + "; last seen: " + last);
            }
            TimeUnit.MILLISECONDS.sleep(500);
        }
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
