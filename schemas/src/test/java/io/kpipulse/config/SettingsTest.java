package io.kpipulse.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    private static final ConfigOption<Integer> PORT = ConfigOption.integer("kpi.api.port", 8080, "port");
    private static final ConfigOption<Duration> FLUSH =
            ConfigOption.duration("kpi.sink.flush-interval", Duration.ofMillis(200), "flush");
    private static final ConfigOption<String> PASSWORD = ConfigOption.secret("kpi.clickhouse.password", "", "password");

    @Test
    void fallsBackToDefaultWhenUnset() {
        assertEquals(8080, Settings.of(Map.of()).get(PORT));
    }

    @Test
    void overrideWinsAndIsParsed() {
        Settings s = Settings.of(Map.of()).with(PORT, 9000).with(FLUSH, "250ms");
        assertEquals(9000, s.get(PORT));
        assertEquals(Duration.ofMillis(250), s.get(FLUSH));
    }

    @Test
    void derivesEnvironmentVariableFromKey() {
        assertEquals("KPI_SINK_FLUSH_INTERVAL", FLUSH.environmentVariable());
    }

    @Test
    void parsesDurationUnitsAndIso() {
        assertEquals(Duration.ofSeconds(5), DurationText.parse("5s"));
        assertEquals(Duration.ofMinutes(2), DurationText.parse("2m"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("PT1.5S"));
    }

    @Test
    void invalidValueNamesTheSettingAndItsEnvironmentVariable() {
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class,
                () -> Settings.of(Map.of("kpi.api.port", "eighty")).get(PORT));
        assertTrue(bad.getMessage().contains("kpi.api.port"), bad.getMessage());
        assertTrue(bad.getMessage().contains("KPI_API_PORT"), bad.getMessage());
    }

    @Test
    void secretsAreMarked() {
        assertTrue(PASSWORD.isSecret());
        assertFalse(PORT.isSecret());
    }
}
