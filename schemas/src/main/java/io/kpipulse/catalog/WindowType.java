package io.kpipulse.catalog;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;

/**
 * The windows an indicator is kept for. Days are calendar days in the tenant's time zone.
 *
 * <p>Calendar windows ({@link #DAY} … {@link #YEAR_TO_DATE}) have fixed bounds: an event belongs to
 * exactly one instance of each. "To date" windows are the whole period (a month, quarter, year); their
 * value grows as the period runs. Rolling windows end on a given day and cover the {@code n} days up to
 * and including it, so one event belongs to {@code n} instances of each — the engine keeps daily
 * partial results and publishes the instance that ends on the newest day it has seen.
 */
public enum WindowType {
    DAY(0),
    WEEK(0),
    MONTH_TO_DATE(0),
    QUARTER_TO_DATE(0),
    YEAR_TO_DATE(0),
    ROLLING_7D(7),
    ROLLING_30D(30),
    ROLLING_90D(90);

    private final int rollingDays;

    WindowType(int rollingDays) {
        this.rollingDays = rollingDays;
    }

    public boolean isRolling() {
        return rollingDays > 0;
    }

    public int rollingDays() {
        return rollingDays;
    }

    /**
     * For calendar windows: the instance containing {@code day}. For rolling windows: the instance that
     * ends on {@code day}.
     */
    public WindowBounds instanceFor(LocalDate day) {
        return switch (this) {
            case DAY -> new WindowBounds(this, day, day);
            case WEEK -> {
                LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                yield new WindowBounds(this, monday, monday.plusDays(6));
            }
            case MONTH_TO_DATE ->
                new WindowBounds(this, day.withDayOfMonth(1), day.with(TemporalAdjusters.lastDayOfMonth()));
            case QUARTER_TO_DATE -> {
                LocalDate start = day.with(IsoFields.DAY_OF_QUARTER, 1);
                yield new WindowBounds(this, start, start.plusMonths(3).minusDays(1));
            }
            case YEAR_TO_DATE ->
                new WindowBounds(this, day.withDayOfYear(1), day.with(TemporalAdjusters.lastDayOfYear()));
            case ROLLING_7D, ROLLING_30D, ROLLING_90D -> new WindowBounds(this, day.minusDays(rollingDays - 1L), day);
        };
    }
}
