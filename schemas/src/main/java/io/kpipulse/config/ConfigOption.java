package io.kpipulse.config;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * One typed setting: its key, default, description and parser, declared once as a constant in the
 * options class of the module that owns it. The environment variable is derived from the key
 * ({@code kpi.clickhouse.url} → {@code KPI_CLICKHOUSE_URL}) so operators never guess spellings.
 */
public final class ConfigOption<T> {

    private final String key;
    private final T defaultValue;
    private final String description;
    private final Function<String, T> parser;
    private final boolean secret;

    private ConfigOption(String key, T defaultValue, String description, Function<String, T> parser, boolean secret) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = defaultValue;
        this.description = Objects.requireNonNull(description, "description");
        this.parser = Objects.requireNonNull(parser, "parser");
        this.secret = secret;
    }

    public static ConfigOption<String> string(String key, String defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Function.identity(), false);
    }

    /** A setting whose value is never logged nor printed in generated documentation. */
    public static ConfigOption<String> secret(String key, String defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Function.identity(), true);
    }

    public static ConfigOption<Integer> integer(String key, int defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Integer::valueOf, false);
    }

    public static ConfigOption<Long> longValue(String key, long defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, Long::valueOf, false);
    }

    public static ConfigOption<Boolean> bool(String key, boolean defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, ConfigOption::parseBoolean, false);
    }

    /** Durations in ISO-8601 ({@code PT0.2S}) or as a number with a unit: {@code 200ms}, {@code 5s}, {@code 2m}. */
    public static ConfigOption<Duration> duration(String key, Duration defaultValue, String description) {
        return new ConfigOption<>(key, defaultValue, description, DurationText::parse, false);
    }

    public String key() {
        return key;
    }

    public String environmentVariable() {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    public boolean isSecret() {
        return secret;
    }

    T parse(String raw) {
        try {
            return parser.apply(raw.strip());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "invalid value for " + key + " (" + environmentVariable() + "): "
                            + (secret ? "<secret>" : "'" + raw + "'") + " — " + e.getMessage(),
                    e);
        }
    }

    private static Boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1", "on" -> true;
            case "false", "no", "0", "off" -> false;
            default -> throw new IllegalArgumentException("expected true or false");
        };
    }

    @Override
    public String toString() {
        return key;
    }
}
