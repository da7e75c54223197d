package io.kpipulse.simulator;

import io.kpipulse.config.ConfigOption;
import java.time.Duration;
import java.util.List;

/** Every setting of the simulator, declared once (key, default, description). */
public final class SimulatorOptions {

    public static final ConfigOption<String> BOOTSTRAP =
            ConfigOption.string("kpi.simulator.bootstrap", "127.0.0.1:9092", "Kafka bootstrap servers");
    public static final ConfigOption<Long> SEED = ConfigOption.longValue(
            "kpi.simulator.seed", 42L, "Random seed: same seed and settings give byte-identical records");
    public static final ConfigOption<Integer> TENANTS = ConfigOption.integer(
            "kpi.simulator.tenants", 2, "Number of tenants (companies): t-acme-life, t-pingan-demo, t-tenant-03, ...");
    public static final ConfigOption<Integer> EMPLOYEES =
            ConfigOption.integer("kpi.simulator.employees", 2000, "Employees per tenant at the start of the period");
    public static final ConfigOption<Integer> DEPARTMENTS = ConfigOption.integer(
            "kpi.simulator.departments",
            40,
            "Departments per tenant (root, divisions, support, product and teams; at least 16)");
    public static final ConfigOption<String> START = ConfigOption.string(
            "kpi.simulator.start", "2026-03-01", "First day of the simulated period (00:00 in the tenant's zone)");
    public static final ConfigOption<Integer> DAYS =
            ConfigOption.integer("kpi.simulator.days", 31, "Number of simulated days");
    public static final ConfigOption<String> RATE = ConfigOption.string(
            "kpi.simulator.rate", "0", "Records per wall-clock second sent to Kafka; 0 = as fast as possible");
    public static final ConfigOption<String> COMPRESSION = ConfigOption.string(
            "kpi.simulator.compression",
            "0",
            "Simulated seconds per wall-clock second (live demo: 4464 plays a month in 10 minutes); 0 = off");
    public static final ConfigOption<String> FAULTS = ConfigOption.string(
            "kpi.simulator.faults", "none", "Fault preset: none | demo (about 1% of each fault kind)");
    public static final ConfigOption<Duration> OUT_OF_ORDER_BOUND = ConfigOption.duration(
            "kpi.simulator.out-of-order-bound", Duration.ofSeconds(5), "Allowed out-of-orderness B (event time)");
    public static final ConfigOption<Duration> ALLOWED_LATENESS = ConfigOption.duration(
            "kpi.simulator.allowed-lateness", Duration.ofMinutes(1), "Allowed lateness L (event time)");
    public static final ConfigOption<Integer> PARTITIONS =
            ConfigOption.integer("kpi.simulator.partitions", 4, "Partitions of topics the simulator creates");
    public static final ConfigOption<String> OUT = ConfigOption.string(
            "kpi.simulator.out", "target/sim", "Directory for ground-truth.csv and expected-counts.json");
    public static final ConfigOption<Boolean> DRY_RUN =
            ConfigOption.bool("kpi.simulator.dry-run", false, "Write the ground-truth files only; no Kafka");

    public static final List<ConfigOption<?>> ALL = List.of(
            BOOTSTRAP,
            SEED,
            TENANTS,
            EMPLOYEES,
            DEPARTMENTS,
            START,
            DAYS,
            RATE,
            COMPRESSION,
            FAULTS,
            OUT_OF_ORDER_BOUND,
            ALLOWED_LATENESS,
            PARTITIONS,
            OUT,
            DRY_RUN);

    private SimulatorOptions() {}
}
