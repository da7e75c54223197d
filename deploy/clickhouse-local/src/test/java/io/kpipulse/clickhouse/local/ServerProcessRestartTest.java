package io.kpipulse.clickhouse.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as its own process ({@link LocalClickHouseServer#main}): data survives a SIGTERM and a restart on
 * the same directory, and DateTimes read the same even when the second process runs under another time zone.
 * A separate process because the engine serves one data directory per process, and the test JVM's engine
 * already serves the extension's.
 */
class ServerProcessRestartTest {
    private static final Pattern READY = Pattern.compile("HTTP interface at http://127\\.0\\.0\\.1:(\\d+)");

    @Test
    void dataAndDateTimesSurviveARestartUnderAnotherTimeZone(@TempDir Path dataDir) throws Exception {
        String first;
        Process server = start(dataDir, "UTC");
        try {
            try (Connection c = connect(server);
                    Statement s = c.createStatement()) {
                s.execute("CREATE TABLE events (id UInt32, at DateTime, at_utc DateTime('UTC')) "
                        + "ENGINE = MergeTree ORDER BY id");
                s.execute("INSERT INTO events VALUES (1, '2026-01-31 23:30:00', '2026-01-31 23:30:00'), "
                        + "(2, '2026-06-30 16:00:00', '2026-06-30 16:00:00')");
                first = snapshot(s);
                assertEquals(
                        "1 2026-01-31 23:30:00 1769902200 2026-01-31 23:30:00|2 2026-06-30 16:00:00 1782835200 2026-06-30 16:00:00|UTC",
                        first);
            }
        } finally {
            stop(server);
        }
        Process restarted = start(dataDir, "Asia/Shanghai");
        try (Connection c = connect(restarted);
                Statement s = c.createStatement()) {
            assertEquals(first, snapshot(s));
        } finally {
            stop(restarted);
        }
    }

    private static String snapshot(Statement s) throws Exception {
        List<String> rows = new ArrayList<>();
        try (ResultSet rs = s.executeQuery(
                "SELECT id, toString(at), toUnixTimestamp(at), toString(at_utc) FROM events ORDER BY id")) {
            while (rs.next()) {
                rows.add(rs.getInt(1) + " " + rs.getString(2) + " " + rs.getLong(3) + " " + rs.getString(4));
            }
        }
        try (ResultSet rs = s.executeQuery("SELECT timezone()")) {
            rs.next();
            rows.add(rs.getString(1));
        }
        return String.join("|", rows);
    }

    private static Process start(Path dataDir, String tz) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        String cache = System.getProperty(ChdbEngineFetcher.CACHE_PROPERTY);
        if (cache != null) {
            command.add("-D" + ChdbEngineFetcher.CACHE_PROPERTY + "=" + cache);
        }
        command.addAll(
                List.of(LocalClickHouseServer.class.getName(), "--port=0", "--data-dir=" + dataDir, "--pool-size=2"));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("TZ", tz);
        return pb.start();
    }

    /** Reads the child's output until it prints its URL (or exits); returns a JDBC connection to it. */
    private static Connection connect(Process server) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher m = READY.matcher(line);
            if (m.find()) {
                Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "child-output");
                drain.setDaemon(true);
                drain.start();
                int port = Integer.parseInt(m.group(1));
                return DriverManager.getConnection(
                        LocalClickHouseProfile.jdbcUrl(port, "default"), LocalClickHouseProfile.jdbcProperties());
            }
        }
        fail("server process exited before it was ready:\n" + seen);
        return null;
    }

    private static void stop(Process server) throws Exception {
        server.destroy(); // SIGTERM
        assertTrue(server.waitFor(30, TimeUnit.SECONDS), "server did not stop on SIGTERM");
        assertEquals(143, server.exitValue(), "exit status after SIGTERM");
    }
}
