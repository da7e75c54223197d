package io.kpipulse.catalog;

import java.time.LocalDate;
import java.util.Objects;

/** One instance of a window: both bounds are inclusive calendar days in the tenant's time zone. */
public record WindowBounds(WindowType type, LocalDate start, LocalDate end) {

    public WindowBounds {
        Objects.requireNonNull(type, "type");
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("window ends before it starts: " + start + ".." + end);
        }
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(start) && !day.isAfter(end);
    }
}
