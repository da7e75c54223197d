package io.kpipulse.api.indicators;

import io.kpipulse.api.ApiOptions;
import io.kpipulse.catalog.WindowType;
import io.kpipulse.config.Settings;
import io.kpipulse.read.values.InMemoryValues;
import java.time.Duration;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The in-memory current read model of the dashboard routes; see the {@code kpi.api.memory.*} settings in
 * {@link ApiOptions}.
 *
 * @param enabled whether values are loaded into memory at start and kept current by the change feed
 * @param windows the calendar window types kept for every subject
 * @param months instances of those kept: those starting from the first day of the month this many months ago
 * @param days DAY instances of departments kept (the overview's sparklines): the last this many days
 * @param namesMaxAge how long a tenant's subject names of a day are kept before they are read again
 * @param reloadInterval how often each tenant's values are read again and merged (0: never)
 */
public record CurrentValuesConfig(
        boolean enabled, Set<WindowType> windows, int months, int days, Duration namesMaxAge, Duration reloadInterval) {

    /** Nothing in memory: every answer read from ClickHouse, names per answer (what most HTTP tests use). */
    public static final CurrentValuesConfig OFF =
            new CurrentValuesConfig(false, Set.of(), 0, 0, Duration.ZERO, Duration.ZERO);

    public CurrentValuesConfig {
        windows = Set.copyOf(windows);
        for (WindowType w : windows) {
            if (w.isRolling()) {
                throw new IllegalArgumentException(
                        "kpi.api.memory.windows: rolling windows are assembled from day rows, not kept: " + w);
            }
        }
        Objects.requireNonNull(namesMaxAge, "namesMaxAge");
        Objects.requireNonNull(reloadInterval, "reloadInterval");
        if (months < 0 || days < 0 || namesMaxAge.isNegative() || reloadInterval.isNegative()) {
            throw new IllegalArgumentException("kept months, names' max age and reload interval must not be negative");
        }
    }

    public static CurrentValuesConfig from(Settings settings) {
        return new CurrentValuesConfig(
                settings.get(ApiOptions.MEMORY_ENABLED),
                windows(settings.get(ApiOptions.MEMORY_WINDOWS)),
                settings.get(ApiOptions.MEMORY_MONTHS),
                settings.get(ApiOptions.MEMORY_DAYS),
                settings.get(ApiOptions.MEMORY_NAMES_MAX_AGE),
                settings.get(ApiOptions.MEMORY_RELOAD_INTERVAL));
    }

    /** The same with values in memory on or off. */
    public CurrentValuesConfig enabled(boolean on) {
        return new CurrentValuesConfig(on, windows, months, days, namesMaxAge, reloadInterval);
    }

    /** The horizon of a tenant whose day is {@code today}. */
    public InMemoryValues.Horizon horizon(LocalDate today) {
        return InMemoryValues.Horizon.dashboard(today, windows, months, days);
    }

    private static Set<WindowType> windows(String list) {
        Set<WindowType> out = EnumSet.noneOf(WindowType.class);
        for (String name : list.split(",")) {
            if (name.isBlank()) {
                continue;
            }
            try {
                out.add(WindowType.valueOf(name.trim()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "kpi.api.memory.windows: unknown window type '" + name.trim() + "'", e);
            }
        }
        return out;
    }

    /** The defaults of {@link ApiOptions}. */
    public static CurrentValuesConfig defaults() {
        return from(Settings.of(java.util.Map.of()));
    }
}
