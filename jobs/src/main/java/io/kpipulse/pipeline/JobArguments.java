package io.kpipulse.pipeline;

import io.kpipulse.config.ConfigOption;
import io.kpipulse.config.Settings;
import io.kpipulse.storage.ClickHouseOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine job's program arguments: {@code --<key>=<value>} or {@code --<key> <value>} for every
 * {@link EngineOptions} and {@link ClickHouseOptions} key (e.g. {@code --kpi.kafka.bootstrap-servers=kafka:9092}).
 * Arguments win over system properties and environment variables of the process that runs {@code main} — the
 * CLI's when submitted with {@code flink run}, the JobManager's when run through the REST API's
 * {@code /jars/:id/run}, where arguments are the only per-job channel. Secrets are refused here: program
 * arguments are shown in Flink's web UI and job configuration, so a password comes from the environment.
 */
public final class JobArguments {

    private JobArguments() {}

    public static List<ConfigOption<?>> options() {
        List<ConfigOption<?>> all = new ArrayList<>(EngineOptions.ALL);
        all.addAll(ClickHouseOptions.ALL);
        return List.copyOf(all);
    }

    public static Settings parse(String[] args, Settings base) {
        Settings settings = base;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --<key>=<value>, got '" + arg + "'");
            }
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            ConfigOption<?> option = byKey(key);
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + key + " needs a value");
            }
            if (option.isSecret()) {
                throw new IllegalArgumentException("--" + key + " is a secret: set " + option.environmentVariable()
                        + " in the environment instead");
            }
            settings = settings.with(option, value);
        }
        return settings;
    }

    private static ConfigOption<?> byKey(String key) {
        return options().stream()
                .filter(o -> o.key().equals(key))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown option --" + key + "; known: "
                        + options().stream().map(ConfigOption::key).toList()));
    }
}
