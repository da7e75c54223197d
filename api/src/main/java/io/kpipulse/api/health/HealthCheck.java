package io.kpipulse.api.health;

import io.kpipulse.read.sql.Connections;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Probes ClickHouse with {@code SELECT 1} and reports its latency. The probe runs on its own thread with a
 * deadline, so a ClickHouse that accepts connections but never answers still yields a prompt 503 instead
 * of a hung health check. Close it with the app.
 */
public final class HealthCheck implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HealthCheck.class);

    private final Connections connections;
    private final Duration timeout;
    private final ExecutorService probes = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "kpi-api-health");
        t.setDaemon(true);
        return t;
    });

    public HealthCheck(Connections connections, Duration timeout) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** UP with the probe's latency, or DOWN with the kind of failure. */
    public record ClickHouseStatus(String status, Long latencyMicros, String error) {

        public boolean up() {
            return "UP".equals(status);
        }
    }

    public ClickHouseStatus check() {
        long start = System.nanoTime();
        Future<?> probe = probes.submit(this::selectOne);
        try {
            probe.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start);
            return new ClickHouseStatus("UP", micros, null);
        } catch (TimeoutException e) {
            probe.cancel(true);
            return down("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.warn("ClickHouse health probe failed", e.getCause());
            // The kind of failure only: the message of a driver error can carry hosts and credentials.
            return down("unreachable (" + e.getCause().getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down("interrupted");
        }
    }

    private static ClickHouseStatus down(String error) {
        return new ClickHouseStatus("DOWN", null, error);
    }

    private Void selectOne() throws Exception {
        try (Connection c = connections.open();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            if (!rs.next() || rs.getInt(1) != 1) {
                throw new IllegalStateException("SELECT 1 did not return 1");
            }
            return null;
        }
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
