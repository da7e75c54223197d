package io.kpipulse.bench.baseline;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.config.Settings;
import io.kpipulse.pipeline.IndicatorJob;
import io.kpipulse.sink.ClickHouseSink;
import io.kpipulse.storage.ClickHouseConnector;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.types.RowKind;

/**
 * The Flink SQL baseline in its own JVM, as the engine runs in {@code EngineJobMain}: the {@link BaselineQueries}
 * over the JSON copy of the events on a local MiniCluster, with the engine's state backend and checkpointing, its
 * changelog handed to our ClickHouse sink (inserts and update-afters; the newest row of a key has the most items).
 * The source is bounded by the offsets at start, so the job ends once every event is counted and written: the
 * process prints {@link #STARTED} after submitting and {@link #FINISHED} when the job has ended.
 *
 * <p>Arguments: {@code key=value} settings of the engine (checkpoints, ClickHouse) plus {@code baseline.*} keys.
 */
public final class BaselineJobMain {

    public static final String STARTED = "KPI-BENCH-BASELINE-SUBMITTED";
    public static final String FINISHED = "KPI-BENCH-BASELINE-FINISHED";

    private BaselineJobMain() {}

    public static void main(String[] args) throws Exception {
        org.apache.logging.log4j.core.config.Configurator.setLevel(
                "org.apache.flink.metrics", org.apache.logging.log4j.Level.ERROR);
        Map<String, String> values = new LinkedHashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            values.put(kv[0], kv[1]);
        }
        Settings settings = Settings.of(values);
        Configuration conf = IndicatorJob.flinkConfiguration(settings);
        // The tuning a Flink SQL user would switch on for a group aggregation: mini-batches with local-global
        // (two-phase) aggregation, so state is touched once per key and batch instead of once per row.
        conf.setString("table.exec.mini-batch.enabled", "true");
        conf.setString("table.exec.mini-batch.allow-latency", "1 s");
        conf.setString("table.exec.mini-batch.size", "5000");
        conf.setString("table.optimizer.agg-phase-strategy", "TWO_PHASE");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(
                Integer.parseInt(values.get("baseline.parallelism")), conf);
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig().setLocalTimeZone(ZoneId.of(values.get("baseline.zone")));

        OrgLookup org = OrgLookup.read(Path.of(values.get("baseline.org-file")));
        tables.createTemporarySystemFunction("DEPT_OF", new OrgLookup.DepartmentOf(org));
        tables.createTemporarySystemFunction("TARGETS", new OrgLookup.Targets(org));
        BaselineQueries queries =
                new BaselineQueries(CatalogYaml.templateLibrary().indicators());
        tables.executeSql(BaselineQueries.eventsTableDdl(
                values.get("baseline.topic"), values.get("baseline.bootstrap"), values.get("baseline.group")));
        tables.executeSql(queries.itemsView());
        System.out.println("planning the baseline's SQL");
        Table result = tables.sqlQuery(BaselineQueries.valuesQuery());

        ClickHouseConnector clickHouse = ClickHouseConnector.from(settings);
        tables.toChangelogStream(result)
                .filter(row -> row.getKind() == RowKind.INSERT || row.getKind() == RowKind.UPDATE_AFTER)
                .name("upserts")
                .sinkTo(ClickHouseSink.<Row>builder(clickHouse, new BaselineValuesTable())
                        .build())
                .name("baseline_values");
        JobClient job = env.executeAsync("kpi-flink-sql-baseline");
        System.out.println(STARTED + " " + job.getJobID());
        System.out.flush();
        job.getJobExecutionResult().get();
        System.out.println(FINISHED + " " + job.getJobID());
        System.out.flush();
        System.exit(0);
    }
}
