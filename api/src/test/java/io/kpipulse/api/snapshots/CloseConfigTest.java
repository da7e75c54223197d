package io.kpipulse.api.snapshots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kpipulse.config.Settings;
import io.kpipulse.snapshots.FreezeProgressLog;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The freeze's heartbeat and abandon bound are settings of the close configuration, checked together. */
class CloseConfigTest {

    @Test
    void theFreezeHeartbeatAndAbandonBoundAreSettingsWithTheLogsDefaults() {
        CloseConfig defaults = CloseConfig.defaults();
        assertEquals(FreezeProgressLog.DEFAULT_HEARTBEAT, defaults.freezeHeartbeat());
        assertEquals(FreezeProgressLog.DEFAULT_ABANDONED_AFTER, defaults.freezeAbandonedAfter());

        CloseConfig set = CloseConfig.from(Settings.of(
                Map.of("kpi.api.close.freeze-heartbeat", "2s", "kpi.api.close.freeze-abandoned-after", "1m")));
        assertEquals(Duration.ofSeconds(2), set.freezeHeartbeat());
        assertEquals(Duration.ofMinutes(1), set.freezeAbandonedAfter());
    }

    @Test
    void aFreezeIsAbandonedOnlyAfterMoreThanOneHeartbeat() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> CloseConfig.from(Settings.of(Map.of(
                        "kpi.api.close.freeze-heartbeat", "30s", "kpi.api.close.freeze-abandoned-after", "30s"))));
        assertEquals(
                "kpi.api.close.freeze-abandoned-after must be longer than kpi.api.close.freeze-heartbeat",
                e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> CloseConfig.from(Settings.of(Map.of("kpi.api.close.freeze-heartbeat", "0s"))));
    }
}
