package io.kpipulse.stack;

import io.kpipulse.config.ConfigOption;
import java.util.List;

/** Settings of the local one-command stack. Ports and sizes default to a laptop demo. */
public final class StackOptions {

    public static final ConfigOption<String> STATE_DIR = ConfigOption.string(
            "kpi.stack.state-dir",
            "var/kpi-pulse",
            "Where the broker, ClickHouse, checkpoints and logs keep their data; --reset wipes it.");
    public static final ConfigOption<Integer> KAFKA_PORT =
            ConfigOption.integer("kpi.stack.kafka-port", 9092, "Port of the local Kafka broker.");
    public static final ConfigOption<Integer> CLICKHOUSE_PORT =
            ConfigOption.integer("kpi.stack.clickhouse-port", 8123, "Port of the local ClickHouse HTTP interface.");
    public static final ConfigOption<Integer> API_PORT =
            ConfigOption.integer("kpi.stack.api-port", 8080, "Port of the API and dashboard.");
    public static final ConfigOption<Integer> PARTITIONS =
            ConfigOption.integer("kpi.stack.partitions", 4, "Partitions of each event topic.");
    public static final ConfigOption<Boolean> SIMULATOR =
            ConfigOption.bool("kpi.stack.simulator", true, "Feed the stack with the simulated insurance companies.");
    public static final ConfigOption<Integer> SIM_EMPLOYEES =
            ConfigOption.integer("kpi.stack.sim-employees", 2000, "Employees per simulated tenant.");
    public static final ConfigOption<Integer> SIM_RATE =
            ConfigOption.integer("kpi.stack.sim-rate", 2000, "Simulated events per second (0 = as fast as possible).");
    public static final ConfigOption<Long> SIM_SEED = ConfigOption.longValue(
            "kpi.stack.sim-seed", 42, "Seed of the simulation: the same seed gives the same company and events.");

    public static final ConfigOption<String> FLINK_REST_URL = ConfigOption.string(
            "kpi.stack.flink-rest-url",
            "",
            "REST address of a Flink session cluster to run the engine on (deploy/run.sh --flink-cluster sets it); "
                    + "empty runs it on a MiniCluster inside the stack's JVM.");
    public static final ConfigOption<String> FLINK_JOB_JAR = ConfigOption.string(
            "kpi.stack.flink-job-jar",
            "",
            "The engine's application jar (jobs/target/kpi-jobs-*-flink-job.jar) submitted to that cluster.");

    public static final List<ConfigOption<?>> ALL = List.of(
            STATE_DIR,
            KAFKA_PORT,
            CLICKHOUSE_PORT,
            API_PORT,
            PARTITIONS,
            SIMULATOR,
            SIM_EMPLOYEES,
            SIM_RATE,
            SIM_SEED,
            FLINK_REST_URL,
            FLINK_JOB_JAR);

    private StackOptions() {}
}
