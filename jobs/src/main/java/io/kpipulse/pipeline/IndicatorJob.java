package io.kpipulse.pipeline;

import io.kpipulse.catalog.CatalogYaml;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.config.Settings;
import io.kpipulse.indicators.CatalogUpdate;
import io.kpipulse.metrics.PrometheusReporting;
import io.kpipulse.sink.SinkOptions;
import io.kpipulse.storage.ClickHouseConnector;
import io.kpipulse.tenants.TenantRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The indicator engine job: Kafka → admission → windows → ClickHouse, checkpointed. {@link #main} is the
 * entry point of the application jar ({@code kpi-jobs-*-flink-job.jar}) and runs it wherever the environment
 * points (a session cluster via {@code flink run} or the REST API, or a local MiniCluster); the local stack
 * calls {@link #start} to run it inside its own process.
 */
public final class IndicatorJob {

    private IndicatorJob() {}

    /**
     * Settings come from {@link JobArguments} ({@code --kpi.kafka.bootstrap-servers=…}), then system properties
     * and environment variables of the process running this method. On a session cluster {@code execute}
     * returns as soon as the job is submitted (detached); locally it returns when the job ends.
     */
    public static void main(String[] args) throws Exception {
        Settings settings = JobArguments.parse(args, Settings.fromProcess());
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(flinkConfiguration(settings));
        JobExecutionResult result = env.execute(wire(env, settings));
        System.out.println("indicator engine: job " + result.getJobID());
    }

    /** Starts the job on {@code env} without waiting for it (the local stack keeps running other parts). */
    public static JobClient start(StreamExecutionEnvironment env, Settings settings) throws Exception {
        return env.executeAsync(wire(env, settings));
    }

    /** Migrates ClickHouse, then builds the pipeline on {@code env}; returns the job name. */
    public static String wire(StreamExecutionEnvironment env, Settings settings) throws Exception {
        ClickHouseConnector clickHouse = ClickHouseConnector.from(settings);
        clickHouse.migrator().migrate();
        EngineConfig config = EngineConfig.from(settings);
        env.setParallelism(config.parallelism());
        IndicatorPipeline pipeline = new IndicatorPipeline(config, initialCatalog(settings), tenants(settings));
        KafkaClickHouseIo io = new KafkaClickHouseIo(
                settings.get(EngineOptions.BOOTSTRAP_SERVERS),
                KafkaClientOptions.clientProperties(settings),
                config.topicPrefix(),
                settings.get(EngineOptions.GROUP_ID),
                clickHouse,
                SinkOptions.defaults().withFlushInterval(config.flushInterval()));
        pipeline.build(
                io.events(env, pipeline.watermarks(), config.sourceIdleness()),
                io.catalogUpdates(env, config.sourceIdleness()),
                io.calendarUpdates(env, config.sourceIdleness()),
                io.alertRules(env, config.sourceIdleness()),
                io);
        return "kpi-indicator-engine";
    }

    public static Configuration flinkConfiguration(Settings settings) {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, "hashmap");
        conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, settings.get(EngineOptions.CHECKPOINT_DIR));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, settings.get(EngineOptions.CHECKPOINT_INTERVAL));
        conf.set(CheckpointingOptions.CHECKPOINTING_CONSISTENCY_MODE, CheckpointingMode.EXACTLY_ONCE);
        // A cancelled or killed job leaves its last checkpoint behind, so the next start resumes from it.
        conf.set(
                CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                org.apache.flink.configuration.ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
        PrometheusReporting.configure(conf, settings.get(EngineOptions.PROMETHEUS_PORT));
        return conf;
    }

    static CatalogUpdate initialCatalog(Settings settings) {
        String file = settings.get(EngineOptions.CATALOG_FILE);
        return CatalogUpdate.of(file.isBlank() ? CatalogYaml.templateLibraryText() : read(Path.of(file)));
    }

    static TenantRegistry tenants(Settings settings) {
        return TenantRegistry.fromFileOrDemo(settings.get(EngineOptions.TENANTS_FILE));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
