package io.kpipulse.config;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Resolves {@link ConfigOption}s from, in order of precedence: explicit overrides (command line,
 * tests), Java system properties (by key), environment variables (by derived name), the default.
 * Immutable; {@link #with} returns a copy, so a test can change one setting without touching
 * process-wide state.
 */
public final class Settings {

    private final Map<String, String> overrides;
    private final Map<String, String> environment;
    private final Map<String, String> systemProperties;

    private Settings(
            Map<String, String> overrides, Map<String, String> environment, Map<String, String> systemProperties) {
        this.overrides = Map.copyOf(overrides);
        this.environment = Map.copyOf(environment);
        this.systemProperties = Map.copyOf(systemProperties);
    }

    /** Settings of this process: its environment and system properties. */
    public static Settings fromProcess() {
        Map<String, String> props = new HashMap<>();
        System.getProperties().forEach((k, v) -> props.put(String.valueOf(k), String.valueOf(v)));
        return new Settings(Map.of(), System.getenv(), props);
    }

    /** Only defaults and the given values: what tests use, so the developer's environment cannot leak in. */
    public static Settings of(Map<String, String> values) {
        return new Settings(values, Map.of(), Map.of());
    }

    public Settings with(ConfigOption<?> option, Object value) {
        Map<String, String> copy = new HashMap<>(overrides);
        copy.put(option.key(), String.valueOf(Objects.requireNonNull(value, "value")));
        return new Settings(copy, environment, systemProperties);
    }

    public <T> T get(ConfigOption<T> option) {
        String raw = overrides.get(option.key());
        if (raw == null) {
            raw = systemProperties.get(option.key());
        }
        if (raw == null) {
            raw = environment.get(option.environmentVariable());
        }
        if (raw == null || raw.isBlank()) {
            return option.defaultValue();
        }
        return option.parse(raw);
    }
}
