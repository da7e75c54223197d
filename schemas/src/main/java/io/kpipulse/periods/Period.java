package io.kpipulse.periods;

import io.kpipulse.catalog.WindowBounds;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A month, quarter or year of a tenant, by calendar days in the tenant's time zone. Written {@code 2026-03}
 * (a month), {@code 2026-Q1} (a quarter) or {@code 2026} (a year): the id used in routes and storage. The one
 * period of the product: scoring scores it, period close freezes it; its values are the "to date" window of the
 * same length ({@link PeriodKind#window()}), whose instance is the whole period.
 */
public record Period(PeriodKind kind, LocalDate start, LocalDate end) {

    private static final Pattern MONTH = Pattern.compile("(\\d{4})-(\\d{2})");
    private static final Pattern QUARTER = Pattern.compile("(\\d{4})-Q([1-4])");
    private static final Pattern YEAR = Pattern.compile("(\\d{4})");

    public Period {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        WindowBounds instance = kind.window().instanceFor(start);
        if (!instance.start().equals(start) || !instance.end().equals(end)) {
            throw new IllegalArgumentException(kind + " " + start + ".." + end + " is not a whole period");
        }
    }

    /** Parses {@code 2026-03}, {@code 2026-Q1} or {@code 2026}; anything else is an IllegalArgumentException. */
    public static Period parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("a period is required: 2026-03, 2026-Q1 or 2026");
        }
        try {
            Matcher m = MONTH.matcher(text);
            if (m.matches()) {
                return containing(
                        PeriodKind.MONTH,
                        YearMonth.of(year(m), Integer.parseInt(m.group(2))).atDay(1));
            }
            m = QUARTER.matcher(text);
            if (m.matches()) {
                return containing(PeriodKind.QUARTER, LocalDate.of(year(m), 3 * Integer.parseInt(m.group(2)) - 2, 1));
            }
            m = YEAR.matcher(text);
            if (m.matches()) {
                return containing(PeriodKind.YEAR, LocalDate.of(year(m), 1, 1));
            }
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("not a period: " + text, e);
        }
        throw new IllegalArgumentException("not a period (2026-03, 2026-Q1 or 2026): " + text);
    }

    /** The period of {@code kind} containing {@code day}. */
    public static Period containing(PeriodKind kind, LocalDate day) {
        WindowBounds instance = kind.window().instanceFor(day);
        return new Period(kind, instance.start(), instance.end());
    }

    private static int year(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        if (year < 2000 || year > 2999) {
            throw new IllegalArgumentException("year out of range: " + year);
        }
        return year;
    }

    public String id() {
        return switch (kind) {
            case MONTH -> YearMonth.from(start).toString();
            case QUARTER -> start.getYear() + "-Q" + ((start.getMonthValue() - 1) / 3 + 1);
            case YEAR -> Integer.toString(start.getYear());
        };
    }

    /** The window instance frozen for this period. */
    public WindowBounds window() {
        return new WindowBounds(kind.window(), start, end);
    }

    /** The day values and the org are read as of: the last day once over, the first before it starts, else {@code today}. */
    public LocalDate asOf(LocalDate today) {
        return today.isBefore(end) ? (today.isBefore(start) ? start : today) : end;
    }

    /** The period of the same kind that follows: where carried adjustments go. */
    public Period next() {
        return containing(kind, end.plusDays(1));
    }

    /** The first instant after the period in {@code zone}: events before it belong to the period or earlier. */
    public Instant endExclusive(ZoneId zone) {
        return end.plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** The first instant of the period in {@code zone}. */
    public Instant startInstant(ZoneId zone) {
        return start.atStartOfDay(zone).toInstant();
    }

    @Override
    public String toString() {
        return id();
    }
}
