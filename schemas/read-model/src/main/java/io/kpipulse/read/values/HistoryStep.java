package io.kpipulse.read.values;

import io.kpipulse.catalog.WindowType;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How far apart the points of a history are: a point per day, per week (its Sunday) or per month (its last
 * day), the last point clipped to the end of the range. Each point shows the window as of that day: the
 * calendar instance containing it, or the rolling instance ending on it.
 */
public enum HistoryStep {
    DAY,
    WEEK,
    MONTH;

    /** The most points one history may have: a year of days and a leap day to spare. */
    public static final int MAX_POINTS = 400;

    /** The as-of days from {@code from} to {@code to}, both inclusive; oldest first. */
    public List<LocalDate> points(LocalDate from, LocalDate to) {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("history from " + from + " is after to " + to);
        }
        List<LocalDate> points = new ArrayList<>();
        LocalDate point = endOfStep(from);
        while (true) {
            points.add(point.isAfter(to) ? to : point);
            if (!point.isBefore(to)) {
                return points;
            }
            point = endOfStep(point.plusDays(1));
        }
    }

    /** How many points {@link #points} gives, without building them (to refuse a too long range first). */
    public long pointCount(LocalDate from, LocalDate to) {
        return switch (this) {
            case DAY -> ChronoUnit.DAYS.between(from, to) + 1;
            case WEEK -> ChronoUnit.WEEKS.between(endOfStep(from), endOfStep(to)) + 1;
            case MONTH -> ChronoUnit.MONTHS.between(from.withDayOfMonth(1), to.withDayOfMonth(1)) + 1;
        };
    }

    private LocalDate endOfStep(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.nextOrSame(DayOfWeek.SUNDAY));
            case MONTH -> day.with(TemporalAdjusters.lastDayOfMonth());
        };
    }

    /**
     * Why this step cannot be used with {@code window}, or empty when it can. A calendar window is stored
     * as the newest value of each instance, not as of every day inside it, so a step finer than the window
     * would repeat one value under several days; quarter and year to date have no value as of a month end.
     * Rolling windows are kept per as-of day and take any step.
     */
    public Optional<String> problemWith(WindowType window) {
        boolean fits = switch (window) {
            case DAY, ROLLING_7D, ROLLING_30D, ROLLING_90D -> true;
            case WEEK -> this != DAY;
            case MONTH_TO_DATE -> this == MONTH;
            case QUARTER_TO_DATE, YEAR_TO_DATE -> false;
        };
        if (fits) {
            return Optional.empty();
        }
        return Optional.of(
                window == WindowType.QUARTER_TO_DATE || window == WindowType.YEAR_TO_DATE
                        ? window + " is kept as one value per "
                                + (window == WindowType.YEAR_TO_DATE ? "year" : "quarter")
                                + ", with no history inside it; use MONTH_TO_DATE with step MONTH"
                        : window + " is kept as one value per instance; a " + this
                                + " step would repeat it, use a step of at least its length");
    }
}
