package io.kpipulse.periods;

import io.kpipulse.catalog.WindowType;

/** The periods HR closes, each frozen from the calendar window that covers exactly that period. */
public enum PeriodKind {
    MONTH(WindowType.MONTH_TO_DATE),
    QUARTER(WindowType.QUARTER_TO_DATE),
    YEAR(WindowType.YEAR_TO_DATE);

    private final WindowType window;

    PeriodKind(WindowType window) {
        this.window = window;
    }

    /** The calendar window whose instance is the whole period. */
    public WindowType window() {
        return window;
    }
}
