package io.kpipulse.api.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.api.tenants.TenantDirectory;
import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.periods.Period;
import io.kpipulse.read.org.OrgReader;
import io.kpipulse.read.values.IndicatorValueReader;
import io.kpipulse.read.values.ValueReadStrategy;
import io.kpipulse.scoring.store.ScoringStore;
import io.kpipulse.snapshots.EventLog;
import io.kpipulse.snapshots.FreezeProgressLog;
import io.kpipulse.snapshots.PeriodFigures;
import io.kpipulse.snapshots.SnapshotCapture;
import io.kpipulse.snapshots.SnapshotStore;
import io.kpipulse.tenants.TenantRegistry;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A freeze that dies of a JVM {@link Error} (not an exception) in a process that lives on: its progress ends FAILED
 * and its heartbeat stops, so the status route does not show a freeze running for ever (the process is alive, so the
 * abandon bound never comes either). The Error still reaches the caller.
 */
class FreezeErrorTest {

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    private static final Period MARCH = Period.parse("2026-03");
    private static final Duration BEAT = Duration.ofMillis(100);

    @Test
    void aFreezeThatDiesOfAnErrorEndsFailedAndStopsItsHeartbeat() throws Exception {
        CloseSeed seed = CloseSeed.create(CLICKHOUSE, "api_close_error");
        Clock clock = Clock.systemUTC();
        StackOverflowError death = new StackOverflowError("deep");
        // The org read dies: the freeze has reported its start and beats meanwhile.
        OrgReader dying = new OrgReader(() -> {
            throw death;
        });
        FreezeProgressLog progress = new FreezeProgressLog(seed.connections(), clock, BEAT, Duration.ofMinutes(10));
        FreezeService freezes = new FreezeService(
                new SnapshotStore(seed.connections()),
                new SnapshotCapture(
                        new IndicatorValueReader(
                                seed.connections(), ValueReadStrategy.FINAL, CatalogYaml::templateLibrary),
                        dying,
                        new PeriodFigures(new ScoringStore(seed.connections(), clock))),
                new EventLog(seed.connections()),
                progress,
                CatalogYaml::templateLibrary,
                CloseConfig.defaults(),
                clock);
        TenantDirectory.Tenant tenant = new TenantDirectory(
                        TenantRegistry.parse("tenants: [{id: t-acme, zone: Asia/Shanghai}]"), clock)
                .require("t-acme");

        StackOverflowError thrown =
                assertThrows(StackOverflowError.class, () -> freezes.freeze(tenant, MARCH, "e-hr", true, "test"));
        assertSame(death, thrown);

        FreezeProgressLog.FreezeRun run = freezes.lastFreeze("t-acme", MARCH).orElseThrow();
        assertEquals(FreezeProgressLog.State.FAILED, run.state());
        assertEquals("StackOverflowError: deep", run.message());
        long rows = rows(seed);
        Thread.sleep(5 * BEAT.toMillis());
        assertEquals(rows, rows(seed), "no heartbeat after the FAILED row");
        assertEquals(
                FreezeProgressLog.State.FAILED,
                freezes.lastFreeze("t-acme", MARCH).orElseThrow().state());
    }

    private static long rows(CloseSeed seed) throws Exception {
        try (Connection c = seed.connections().open();
                Statement s = c.createStatement();
                ResultSet rs =
                        s.executeQuery("SELECT count() FROM snapshot_freeze_progress WHERE tenant_id = 't-acme'")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
