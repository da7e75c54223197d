package io.kpipulse.scoring;

import io.kpipulse.catalog.WindowType;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A scoring period of the tenant's calendar: a month ({@code 2026-03}), a quarter ({@code 2026-Q1}) or a
 * year ({@code 2026}). Its values are the "to date" window of the same length (MONTH_TO_DATE, …), read as of
 * the period's last day once it is over and as of today while it runs.
 */
public record Period(Type type, LocalDate start) {

    public enum Type {
        MONTH(WindowType.MONTH_TO_DATE),
        QUARTER(WindowType.QUARTER_TO_DATE),
        YEAR(WindowType.YEAR_TO_DATE);

        private final WindowType window;

        Type(WindowType window) {
            this.window = window;
        }

        public WindowType window() {
            return window;
        }
    }

    private static final Pattern KEY = Pattern.compile("(\\d{4})(?:-(\\d{2})|-Q([1-4]))?");

    public Period {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(start, "start");
        if (!type.window().instanceFor(start).start().equals(start)) {
            throw new IllegalArgumentException(start + " does not start a " + type);
        }
    }

    /** The period containing {@code day}. */
    public static Period of(Type type, LocalDate day) {
        return new Period(type, type.window().instanceFor(day).start());
    }

    /** Parses {@code 2026-03}, {@code 2026-Q1} or {@code 2026}; throws IllegalArgumentException otherwise. */
    public static Period parse(String key) {
        Matcher m = key == null ? null : KEY.matcher(key);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("a period is 2026-03, 2026-Q1 or 2026");
        }
        int year = Integer.parseInt(m.group(1));
        try {
            if (m.group(2) != null) {
                return new Period(Type.MONTH, LocalDate.of(year, Integer.parseInt(m.group(2)), 1));
            }
            if (m.group(3) != null) {
                return new Period(Type.QUARTER, LocalDate.of(year, (Integer.parseInt(m.group(3)) - 1) * 3 + 1, 1));
            }
            return new Period(Type.YEAR, LocalDate.of(year, 1, 1));
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("a period is 2026-03, 2026-Q1 or 2026");
        }
    }

    public LocalDate end() {
        return type.window().instanceFor(start).end();
    }

    public WindowType window() {
        return type.window();
    }

    /** The day values and the org are read as of: the last day once over, else {@code today}. */
    public LocalDate asOf(LocalDate today) {
        return today.isBefore(end()) ? (today.isBefore(start) ? start : today) : end();
    }

    public String key() {
        return switch (type) {
            case MONTH -> start.toString().substring(0, 7);
            case QUARTER -> start.getYear() + "-Q" + start.get(IsoFields.QUARTER_OF_YEAR);
            case YEAR -> Integer.toString(start.getYear());
        };
    }

    @Override
    public String toString() {
        return key();
    }
}
