package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.config.Settings;
import io.kpipulse.storage.ClickHouseOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobArgumentsTest {

    private static final Settings BASE = Settings.of(Map.of(EngineOptions.PARALLELISM.key(), "3"));

    @Test
    void argumentsInBothFormsOverrideTheBaseAndLeaveOtherSettingsAlone() {
        Settings s = JobArguments.parse(
                new String[] {
                    "--kpi.kafka.bootstrap-servers=kafka-1:9092,kafka-2:9092",
                    "--kpi.engine.checkpoint-interval",
                    "30s",
                    "--kpi.clickhouse.url=jdbc:clickhouse://ch:8123"
                },
                BASE);
        assertEquals("kafka-1:9092,kafka-2:9092", s.get(EngineOptions.BOOTSTRAP_SERVERS));
        assertEquals(Duration.ofSeconds(30), s.get(EngineOptions.CHECKPOINT_INTERVAL));
        assertEquals("jdbc:clickhouse://ch:8123", s.get(ClickHouseOptions.URL));
        assertEquals(3, s.get(EngineOptions.PARALLELISM));
    }

    @Test
    void anUnknownKeyIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(new String[] {"--kpi.engine.paralelism=4"}, BASE));
        assertTrue(e.getMessage().contains("unknown option --kpi.engine.paralelism"), e.getMessage());
        assertTrue(e.getMessage().contains("kpi.engine.parallelism"), e.getMessage());
    }

    @Test
    void aPasswordOnTheCommandLineIsRefusedAndPointsToTheEnvironment() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(new String[] {"--kpi.clickhouse.password=hunter2"}, BASE));
        assertTrue(e.getMessage().contains("KPI_CLICKHOUSE_PASSWORD"), e.getMessage());
        assertTrue(!e.getMessage().contains("hunter2"), e.getMessage());
    }

    @Test
    void aKeyWithoutValueOrAPositionalArgumentIsRefused() {
        assertThrows(
                IllegalArgumentException.class,
                () -> JobArguments.parse(new String[] {"--kpi.engine.parallelism"}, BASE));
        assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(new String[] {"4"}, BASE));
    }
}
