package io.kpipulse.config;

import java.time.Duration;

/** Durations as people write them in settings and catalogs: {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 90d}, or ISO-8601. */
public final class DurationText {

    private DurationText() {}

    public static Duration parse(String raw) {
        if (raw.startsWith("P") || raw.startsWith("p")) {
            return Duration.parse(raw);
        }
        int unitStart = 0;
        while (unitStart < raw.length() && (Character.isDigit(raw.charAt(unitStart)))) {
            unitStart++;
        }
        if (unitStart == 0) {
            throw new IllegalArgumentException("expected a duration such as 200ms, 5s, 2m, 1h or PT5S");
        }
        long amount = Long.parseLong(raw.substring(0, unitStart));
        return switch (raw.substring(unitStart).strip()) {
            case "ms" -> Duration.ofMillis(amount);
            case "s", "" -> Duration.ofSeconds(amount);
            case "m", "min" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown duration unit in '" + raw + "'");
        };
    }
}
