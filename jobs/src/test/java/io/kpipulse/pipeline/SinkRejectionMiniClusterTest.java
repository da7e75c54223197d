package io.kpipulse.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kpipulse.catalog.SubjectType;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.indicators.IndicatorRow;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.testing.SharedMiniCluster;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The engine's ClickHouse sinks inside a real Flink job at parallelism 2, against the real tables: a row
 * ClickHouse rejects as bad data becomes a dead letter and the job goes on with the rest.
 */
class SinkRejectionMiniClusterTest {

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void aValueBeyondDecimal38Scale6IsDeadLetteredAndTheOtherRowsAreStored() throws Exception {
        ClickHouseConnector connector =
                new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), CLICKHOUSE.freshDatabase("rejects"), "default", "", true);
        connector.migrator().migrate();
        // Decimal(38, 6) holds up to 32 digits before the point: 10^33 does not fit.
        List<IndicatorRow> rows = List.of(row("e-1", "100.00"), row("e-2", "1E+33"), row("e-3", "300.00"));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(Duration.ofMillis(200).toMillis());
        // No restarts: a job failed by the row would otherwise replay it for ever.
        env.configure(new Configuration().set(RestartStrategyOptions.RESTART_STRATEGY, "none"));
        new KafkaClickHouseIo("127.0.0.1:1", "", "unused", connector, SinkOptions.defaults())
                .indicatorValues(env.fromData(rows, TypeInformation.of(IndicatorRow.class)));
        env.execute("sink-rejection-test"); // returns: the bad row did not fail the job

        assertEquals(
                List.of("e-1 100", "e-3 300"),
                strings(
                        connector,
                        "SELECT concat(subject_id, ' ', toString(value)) FROM indicator_values FINAL"
                                + " ORDER BY subject_id"));
        assertEquals(
                List.of("SINK_REJECTED clickhouse:indicator_values t|premium|DAY|2026-11-24|EMPLOYEE|e-2|"
                        + IndicatorRow.versionOf(1, 2)),
                strings(connector, "SELECT concat(reason, ' ', kafka_topic, ' ', record_key) FROM dead_letters FINAL"));
        String detail = strings(connector, "SELECT detail FROM dead_letters").get(0);
        assertTrue(detail.startsWith("ClickHouse rejected the row for indicator_values"), detail);
        String content = strings(connector, "SELECT base64Decode(original_bytes) FROM dead_letters")
                .get(0);
        assertTrue(content.contains("subjectId=e-2") && content.contains("value=1E+33"), content);
    }

    private static IndicatorRow row(String employee, String value) {
        long time = LocalDate.parse("2026-11-24").toEpochDay() * 86_400_000L;
        return new IndicatorRow(
                "t",
                "premium",
                WindowType.DAY,
                LocalDate.parse("2026-11-24"),
                LocalDate.parse("2026-11-24"),
                SubjectType.EMPLOYEE,
                employee,
                java.util.List.of("d-sales"),
                new BigDecimal(value),
                new BigDecimal(value),
                null,
                null,
                null,
                1,
                time,
                2,
                IndicatorRow.versionOf(1, 2),
                time);
    }

    private static List<String> strings(ClickHouseConnector connector, String sql) throws Exception {
        List<String> result = new ArrayList<>();
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                result.add(r.getString(1));
            }
        }
        return result;
    }
}
