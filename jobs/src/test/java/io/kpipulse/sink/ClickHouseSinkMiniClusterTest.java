package io.kpipulse.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kpipulse.clickhouse.local.testing.ClickHouseExtension;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.testing.SharedMiniCluster;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink inside a real Flink job at parallelism 2. */
class ClickHouseSinkMiniClusterTest {

    @RegisterExtension
    static final SharedMiniCluster FLINK = new SharedMiniCluster();

    @RegisterExtension
    static final ClickHouseExtension CLICKHOUSE = new ClickHouseExtension();

    @Test
    void boundedStreamAtParallelismTwoLandsExactlyOnceEach() throws Exception {
        ClickHouseConnector connector = freshTable();

        runJob(connector, 20_000, SinkOptions.defaults().withBatchSize(1_000));

        assertEquals(20_000, query(connector, "SELECT count() FROM test_rows FINAL"));
        assertEquals(20_000, query(connector, "SELECT uniqExact(id) FROM test_rows"));
        assertEquals(20_000L * 19_999 / 2, query(connector, "SELECT sum(id) FROM test_rows FINAL"));
    }

    /** Not a test: {@code -Dkpi.benchmark=true} prints rows/s for 100,000 rows through the sink. */
    @Test
    @EnabledIfSystemProperty(named = "kpi.benchmark", matches = "true")
    void throughputOfOneHundredThousandRows() throws Exception {
        ClickHouseConnector connector = freshTable();
        long started = System.nanoTime();
        runJob(connector, 100_000, SinkOptions.defaults());
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals(100_000, query(connector, "SELECT count() FROM test_rows"));
        System.out.printf(
                "BENCHMARK sink 100000 rows in %.2f s = %.0f rows/s (job incl. start-up)%n",
                seconds, 100_000 / seconds);
    }

    private static ClickHouseConnector freshTable() throws SQLException {
        String database = CLICKHOUSE.freshDatabase("sinkjob");
        ClickHouseConnector connector = new ClickHouseConnector(CLICKHOUSE.jdbcUrl(), database, "default", "", true);
        try (Connection c = connector.open();
                Statement s = c.createStatement()) {
            TestRowTable.create(s);
        }
        return connector;
    }

    private static void runJob(ClickHouseConnector connector, long rows, SinkOptions options) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(Duration.ofMillis(200).toMillis());
        env.fromSequence(0, rows - 1)
                .map(id -> new TestRow(id, "row-" + id, (int) (id % 1000), 1))
                .returns(Types.POJO(TestRow.class))
                .sinkTo(ClickHouseSink.builder(connector, new TestRowTable())
                        .options(options)
                        .build())
                .name("test_rows");
        env.execute("clickhouse-sink-test");
    }

    private static long query(ClickHouseConnector connector, String sql) throws SQLException {
        try (Connection c = connector.open();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
