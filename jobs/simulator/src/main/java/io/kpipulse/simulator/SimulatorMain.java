package io.kpipulse.simulator;

import io.kpipulse.config.ConfigOption;
import io.kpipulse.config.KafkaClientOptions;
import io.kpipulse.config.Settings;
import io.kpipulse.events.SourceTopics;
import io.kpipulse.simulator.sink.KafkaEventSink;
import io.kpipulse.simulator.sink.Pacer;
import io.kpipulse.simulator.sink.RecordPublisher;
import io.kpipulse.simulator.sink.TopicCreator;
import io.kpipulse.simulator.truth.ExpectedValue;
import io.kpipulse.simulator.truth.GroundTruth;
import io.kpipulse.simulator.truth.GroundTruthFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Command line: generate a simulated insurance company, write its ground truth, stream it into Kafka.
 * Options are {@code --name value} for every {@link SimulatorOptions} key's last segment (e.g.
 * {@code --seed 42}, {@code --out-of-order-bound 5s}) plus the flag {@code --dry-run}; unset options come from
 * system properties / environment ({@code KPI_SIMULATOR_SEED}) or their defaults. The Kafka client's security
 * settings are the engine's and the API's ({@link KafkaClientOptions}: {@code KPI_KAFKA_SECURITY_PROTOCOL},
 * {@code KPI_KAFKA_SASL_*}, {@code KPI_KAFKA_SSL_TRUSTSTORE_*}, {@code KPI_KAFKA_CLIENT_PROPERTIES_FILE}, or
 * {@code --kafka.security-protocol SASL_SSL} and the like), so the demo streams into a secured Kafka too; secrets
 * (the SASL and trust store passwords) only from the environment, never on the command line.
 */
public final class SimulatorMain {

    private SimulatorMain() {}

    public static void main(String[] args) throws IOException {
        if (java.util.Arrays.asList(args).contains("--help")) {
            usage(System.out);
            return;
        }
        SimulationConfig config;
        Map<String, String> kafkaClient;
        try {
            Settings settings = parse(args, Settings.fromProcess());
            config = SimulationConfig.from(settings);
            kafkaClient = KafkaClientOptions.clientProperties(settings);
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            usage(System.err);
            System.exit(2);
            return;
        }
        run(config, kafkaClient, System.out);
    }

    static Settings parse(String[] args, Settings base) {
        Settings settings = base;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--dry-run")) {
                settings = settings.with(SimulatorOptions.DRY_RUN, true);
                continue;
            }
            if (!arg.startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value, got '" + arg + "'");
            }
            ConfigOption<?> option = byName(arg.substring(2));
            if (option.isSecret()) {
                throw new IllegalArgumentException(
                        arg + " is a secret: set " + option.environmentVariable() + " in the environment instead");
            }
            settings = settings.with(option, args[++i]);
        }
        return settings;
    }

    private static ConfigOption<?> byName(String name) {
        for (ConfigOption<?> o : SimulatorOptions.ALL) {
            if (o.key().equals("kpi.simulator." + name)) {
                return o;
            }
        }
        for (ConfigOption<?> o : KafkaClientOptions.ALL) {
            if (o.key().equals("kpi." + name)) {
                return o;
            }
        }
        throw new IllegalArgumentException("unknown option --" + name);
    }

    static void usage(PrintStream out) {
        out.println("usage: SimulatorMain [--option value ...] [--dry-run]");
        for (ConfigOption<?> o : SimulatorOptions.ALL) {
            out.printf(
                    "  --%-20s %s (default %s)%n",
                    o.key().substring("kpi.simulator.".length()), o.description(), o.defaultValue());
        }
        out.println("Kafka client security (as for the engine and the API; secrets only from the environment):");
        for (ConfigOption<?> o : KafkaClientOptions.ALL) {
            out.printf(
                    "  %-30s %s (%s)%n",
                    o.isSecret() ? o.environmentVariable() : "--" + o.key().substring("kpi.".length()),
                    o.description(),
                    o.isSecret() ? "environment only" : "default '" + o.defaultValue() + "'");
        }
    }

    /** {@link #run(SimulationConfig, Map, PrintStream)} against a plaintext Kafka. */
    public static void run(SimulationConfig config, PrintStream out) throws IOException {
        run(config, Map.of(), out);
    }

    /**
     * Generates, writes the ground truth, and (unless dry run) produces to Kafka with these client properties
     * (security; see {@link KafkaClientOptions}); prints a summary.
     */
    public static void run(SimulationConfig config, Map<String, String> kafkaClient, PrintStream out)
            throws IOException {
        long t0 = System.nanoTime();
        SimulationResult result = Simulation.run(config);
        long t1 = System.nanoTime();
        List<ExpectedValue> truth = GroundTruth.compute(result);
        long t2 = System.nanoTime();
        ExpectedCounts counts = result.expectedCounts();
        GroundTruthFiles.write(config.out(), truth, counts);
        out.printf(
                "generated %,d events (%,d records) for %d tenant(s) in %.1f s (%,.0f events/s)%n",
                result.events().size(),
                result.records().size(),
                config.tenants(),
                (t1 - t0) / 1e9,
                result.events().size() / ((t1 - t0) / 1e9));
        out.printf(
                "ground truth: %,d values in %.1f s -> %s%n",
                truth.size(), (t2 - t1) / 1e9, config.out().resolve(GroundTruthFiles.CSV));
        if (!config.dryRun()) {
            List<String> created = TopicCreator.ensureTopics(
                    config.bootstrap(), kafkaClient, SourceTopics.eventTopics(), config.partitions());
            if (!created.isEmpty()) {
                out.println("created topics " + created);
            }
            try (KafkaEventSink sink = new KafkaEventSink(config.bootstrap(), kafkaClient)) {
                RecordPublisher.Summary s = RecordPublisher.publish(
                        result.records(), sink, Pacer.system(config.rate(), config.compression()));
                out.printf(
                        "produced %,d records to %s in %.1f s (%,.0f records/s)%n",
                        s.total(), config.bootstrap(), s.nanos() / 1e9, s.recordsPerSecond());
            }
        }
        out.println("produced per topic:");
        for (Map.Entry<String, Integer> e : counts.producedPerTopic().entrySet()) {
            out.printf("  %-24s %,d%n", e.getKey(), e.getValue());
        }
        out.println("injected faults:");
        result.injected().forEach((kind, n) -> out.printf("  %-24s %,d%n", kind, n));
        out.printf(
                "accepted %,d + dead-lettered %,d + late %,d + duplicates %,d = produced %,d%n",
                counts.accepted(), counts.deadLettered(), counts.late(), counts.duplicates(), counts.produced());
    }
}
