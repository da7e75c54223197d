package io.kpipulse.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.testtools.JavalinTest;
import io.javalin.testtools.TestConfig;
import io.kpipulse.api.alerts.RulePublication;
import io.kpipulse.api.auth.Role;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Names, base pay and performance pay reach only the roles that need them: every read route of the access matrix,
 * for every role it admits, over a tenant whose March is frozen and published, asked about the people the matrix
 * asks about and about others (another member, another department). Each person whose name or pay an answer
 * carries must be one the caller may see ({@link PeopleSeed#MAY_SEE}: an employee themselves, a head their
 * subtree, an administrator nobody). And none of those names or pay figures is ever in the log output.
 */
class PersonalDataTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    static PeopleSeed seed;
    static ApiServices services;
    static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    static PrintStream out;
    static PrintStream err;

    @BeforeAll
    static void start() throws Exception {
        // Everything this JVM logs from here on (log4j2-test.xml's console follows System.out) is also kept.
        out = System.out;
        err = System.err;
        System.setOut(new PrintStream(new Tee(out, LOG), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(err, LOG), true, StandardCharsets.UTF_8));
        seed = PeopleSeed.create(CLICKHOUSE, "personal_data");
        services = seed.services(RulePublication.unavailable());
        withApp((app, client) -> {
            String hr = seed.bearer(Role.HR);
            String march = "/api/v1/tenants/t-acme/periods/2026-03";
            SecuredApi.send(client, "POST", march + "/freeze", "{}", "Authorization", hr)
                    .expect(201);
            SecuredApi.send(client, "POST", march + "/publish", "{\"reason\":\"pay run\"}", "Authorization", hr)
                    .expect(200);
        });
    }

    @AfterAll
    static void close() {
        services.close();
        System.setOut(out);
        System.setErr(err);
    }

    /**
     * The app on a real server, without JavalinTest's log capture: that would swap System.out for its own buffer
     * while the test runs and hide the API's log lines from this test's capture.
     */
    static void withApp(SecuredApi.HttpTest body) {
        JavalinTest.test(
                ApiApp.create(services, ApiConfig.forTests()),
                new TestConfig(true, false, new OkHttpClient()),
                (server, client) -> body.run(server, client));
    }

    /** The matrix's request of a route, and the same asked about other people and another department. */
    static Set<String> requests(AccessMatrixTest.Entry entry) {
        String path = entry.path().replace("{tenant}", PeopleSeed.TENANT).replace("period=2026-02", "period=2026-03");
        Set<String> out = new LinkedHashSet<>(List.of(path));
        for (String other : List.of("e-2", "c-1", "e-0")) {
            out.add(path.replace("e-1", other));
        }
        out.add(path.replace("d-sales", "d-claims"));
        out.add(path.replace("d-sales", "d-root"));
        return out;
    }

    @Test
    void namesAndPayReachOnlyTheRolesAndPeopleThatMaySeeThem() {
        withApp((app, client) -> {
            List<String> wrong = new ArrayList<>();
            int carrying = 0;
            for (var e : AccessMatrixTest.MATRIX.entrySet()) {
                AccessMatrixTest.Entry entry = e.getValue();
                // Reads only; the event stream is checked by LiveHttpTest's scope tests (it never ends by itself).
                if (!e.getKey().startsWith("GET ")
                        || e.getKey().endsWith("/live")
                        || entry.allowed().contains(Role.PUBLIC)) {
                    continue;
                }
                for (Role role : entry.allowed()) {
                    for (String path : requests(entry)) {
                        SecuredApi.Answer a = SecuredApi.get(client, path, seed.bearer(role));
                        Set<String> carried = carried(a.body());
                        if (!carried.isEmpty()) {
                            carrying++;
                        }
                        for (String person : carried) {
                            if (!PeopleSeed.MAY_SEE.get(role).contains(person)) {
                                wrong.add(path + " as " + role + " carries personal data of " + person);
                            }
                        }
                    }
                }
            }
            assertTrue(wrong.isEmpty(), String.join("\n", wrong));
            // The check looked at answers that do carry names and pay: the org, scoring, the snapshot, the export.
            assertTrue(carrying > 20, "answers with personal data: " + carrying);
        });
        assertNoPersonalDataLogged();
    }

    /** The people whose name or base pay is in the text, or whose performance pay is in a JSON line of theirs. */
    static Set<String> carried(String body) {
        Set<String> out = new LinkedHashSet<>();
        PeopleSeed.NAMES.forEach((id, name) -> {
            if (body.contains(name) || body.contains(PeopleSeed.BASE_PAY.get(id))) {
                out.add(id);
            }
        });
        if (body.startsWith("{")) {
            try {
                collectPay(SecuredApi.JSON.readTree(body), out);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(body, e);
            }
        }
        return out;
    }

    private static void collectPay(JsonNode node, Set<String> out) {
        if (node.isObject()) {
            JsonNode pay = node.path("performancePay");
            if (!pay.isMissingNode() && !pay.isNull()) {
                String who =
                        node.path("employeeId").asText(node.path("subjectId").asText(""));
                out.add(who.isEmpty() ? "someone (" + node + ")" : who);
            }
        }
        node.forEach(child -> collectPay(child, out));
    }

    static void assertNoPersonalDataLogged() {
        // A line through the same logging as the API's, at the level the API logs at: proves the capture works.
        org.slf4j.LoggerFactory.getLogger("io.kpipulse.api.PersonalDataTest").info("personal-data log canary");
        String logged = LOG.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("personal-data log canary"), "the log output was not captured");
        Map<String, String> names = PeopleSeed.NAMES;
        for (String id : names.keySet()) {
            assertFalse(logged.contains(names.get(id)), "a name in the log: " + around(logged, names.get(id)));
            String pay = PeopleSeed.BASE_PAY.get(id);
            assertFalse(logged.contains(pay), "base pay in the log: " + around(logged, pay));
        }
    }

    private static String around(String text, String what) {
        int i = text.indexOf(what);
        return text.substring(Math.max(0, i - 300), Math.min(text.length(), i + 100));
    }

    /** Writes to both streams. */
    static final class Tee extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        Tee(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public synchronized void write(int c) throws java.io.IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public synchronized void write(byte[] buf, int off, int len) throws java.io.IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            a.flush();
            b.flush();
        }
    }
}
